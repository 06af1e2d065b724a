package org.leadscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.model.ModelExample;
import org.leadscoring.scoring.ruleset.CompiledModel;
import org.leadscoring.scoring.ruleset.ReloadReport;
import org.leadscoring.scoring.ruleset.RuleSetBuilder;
import org.leadscoring.scoring.ruleset.RuleSetRegistry;

/** The rules and model shipped in {@code rules/} and {@code scoring-models/} load, and their examples cover the product. */
class ShippedModelTest {

    static CompiledModel b2b;
    static ReloadReport report;

    @BeforeAll
    static void load() {
        RuleSetRegistry registry = new RuleSetRegistry(Path.of("rules"), Path.of("scoring-models"), new RuleSetBuilder("b2b", 50_000), Duration.ZERO);
        report = registry.reload();
        b2b = registry.current().map(s -> s.model("b2b").orElseThrow()).orElse(null);
    }

    @Test
    void shippedRulesLoadWithoutProblems() {
        assertThat(report.problems()).isEmpty();
        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.LOADED);
    }

    @Test
    void defaultModelHasAtLeastThirtyRules() {
        assertThat(b2b.rules()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void examplesCoverEveryDecision() {
        Set<String> covered = b2b.model().examples().stream().map(ModelExample::expect).map(ModelExample.Expectation::decision)
                .collect(Collectors.toSet());
        Set<String> all = Arrays.stream(DecisionAction.values()).map(DecisionAction::jsonName).collect(Collectors.toSet());
        assertThat(covered).containsAll(all);
    }
}
