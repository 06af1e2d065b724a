package org.leadscoring.scoring.rest;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.ReloadReport;
import org.leadscoring.scoring.ruleset.RuleSet;

/** What rule set is serving, from which files, and how the last reload went (with its errors). */
@Path("/api/rules/status")
public class RulesStatusResource {

    private final ScoringEngine engine;

    @Inject
    RulesStatusResource(ScoringEngine engine) {
        this.engine = engine;
    }

    /**
     * The status as the API shows it; {@code version} is null while no rule set has loaded. Folders are named,
     * not shown as paths on the server, and files are relative to their folder.
     */
    public record RulesStatus(boolean serving, String version, Instant loadedAt, String rulesDir, String modelsDir,
            List<String> ruleFiles, List<String> modelFiles, List<String> models, List<BuildProblem> warnings, ReloadReport lastReload) {
    }

    private static String folder(java.nio.file.Path dir) {
        return dir.getFileName() == null ? "" : dir.getFileName().toString();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RulesStatus status() {
        RuleSet set = engine.current().orElse(null);
        ReloadReport last = engine.lastReport().orElse(null);
        if (set == null) {
            return new RulesStatus(false, null, null, folder(engine.rulesDir()), folder(engine.modelsDir()),
                    List.of(), List.of(), List.of(), List.of(), last);
        }
        return new RulesStatus(true, set.version(), set.loadedAt(), folder(engine.rulesDir()), folder(engine.modelsDir()),
                set.ruleFiles(), set.modelFiles(), set.models().keySet().stream().sorted().toList(), set.warnings(), last);
    }
}
