package org.leadscoring.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.leadscoring.scoring.ruleset.CompiledModel;
import org.leadscoring.scoring.ruleset.ReloadReport;
import org.leadscoring.scoring.ruleset.RuleSetBuilder;
import org.leadscoring.scoring.ruleset.RuleSetRegistry;

/** The shipped rules and models, compiled as the service compiles them. */
public final class ShippedModel {

    private ShippedModel() {
    }

    /** The shipped {@code b2b} model, read from the project's {@code rules/} and {@code scoring-models/}. */
    public static CompiledModel b2b() {
        Path root = projectRoot();
        RuleSetRegistry registry = new RuleSetRegistry(root.resolve("rules"), root.resolve("scoring-models"),
                new RuleSetBuilder("b2b", 50_000), Duration.ZERO);
        ReloadReport report = registry.reload();
        if (!report.problems().isEmpty()) {
            throw new IllegalStateException("The shipped rules do not load: " + report.problems());
        }
        return registry.current().orElseThrow().model("b2b").orElseThrow();
    }

    /** The project folder: the working directory, or {@code -Dproject.root} when benchmarks run from elsewhere. */
    public static Path projectRoot() {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("rules"))) {
            throw new IllegalStateException("No rules/ in " + root + ": run from the project folder or set -Dproject.root");
        }
        return root;
    }
}
