package org.leadscoring.scoring.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadscoring.scoring.Evaluation;
import org.leadscoring.scoring.Fixtures;
import org.leadscoring.scoring.Prospect;

/** Loading, reloading and rejecting rule sets from folders on disk. */
class RuleSetRegistryTest {

    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Prospect VP = Prospect.builder("ann@acme.com").firstName("Ann").lastName("Lee").company("Acme").title("VP Sales")
            .country("US").employeeCount(200).build();

    @TempDir
    Path dir;
    Path rules;
    Path models;
    RuleSetRegistry registry;

    @BeforeEach
    void setUp() {
        Fixtures.copy("basic", dir);
        rules = dir.resolve("rules");
        models = dir.resolve("scoring-models");
        // The time bound is not what these tests are about: a freshly swapped rule set's first scorings, beside a compile
        // on the other core, once took over the shipped 250 ms in CI (EvaluationLimitsTest tests the bound).
        registry = new RuleSetRegistry(rules, models, new RuleSetBuilder("demo", new EvaluationLimits(10_000, Duration.ofSeconds(10))),
                Duration.ZERO);
        ReloadReport first = registry.reload();
        assertThat(first.problems()).isEmpty();
        assertThat(first.outcome()).isEqualTo(ReloadReport.Outcome.LOADED);
    }

    @Test
    void givenLoadedRules_whenNothingChanged_thenNoRebuild() {
        assertThat(registry.reloadIfChanged()).isEmpty();
    }

    @Test
    void givenRuleSetBuiltFromTheFilesOnDisk_whenAdopted_thenServedWithoutRebuildAndThePollerLeavesIt() {
        Fixtures.edit(rules.resolve("demo/fit.drl"), "@fit(20)", "@fit(25)");
        Snapshot onDisk = Snapshot.read(rules, models);
        RuleSetBuilder.Result built = registry.builder().build(onDisk);

        ReloadReport report = registry.adopt(onDisk, built, 5);

        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.LOADED);
        assertThat(registry.current().orElseThrow()).isSameAs(built.ruleSet());
        assertThat(fit(VP)).isEqualTo(35);
        assertThat(registry.reloadIfChanged()).isEmpty();
    }

    @Test
    void givenRuleSetThatDidNotBuild_whenAdopted_thenRefused() {
        Fixtures.edit(rules.resolve("demo/fit.drl"), "Prospect( employeeCount >= 50, employeeCount < 1000 )",
                "Prospect( employeeCount >= 50, employeeCount < 1000 ");
        Snapshot broken = Snapshot.read(rules, models);
        RuleSetBuilder.Result failed = registry.builder().build(broken);

        assertThatThrownBy(() -> registry.adopt(broken, failed, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(fit(VP)).isEqualTo(30);
    }

    @Test
    void givenRulePointsChanged_whenReloaded_thenNewScoreAndNewVersion() {
        String before = registry.current().orElseThrow().version();
        assertThat(fit(VP)).isEqualTo(30);

        Fixtures.edit(rules.resolve("demo/fit.drl"), "@fit(20)", "@fit(25)");
        ReloadReport report = registry.reloadIfChanged().orElseThrow();

        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.LOADED);
        assertThat(registry.current().orElseThrow().version()).isNotEqualTo(before).isEqualTo(report.version());
        assertThat(fit(VP)).isEqualTo(35);
    }

    @Test
    void givenSyntaxError_whenReloaded_thenOldSetKeepsServingAndErrorNamesFileAndLine() {
        String before = registry.current().orElseThrow().version();
        Fixtures.edit(rules.resolve("demo/fit.drl"), "Prospect( employeeCount >= 50, employeeCount < 1000 )",
                "Prospect( employeeCount >= 50, employeeCount < 1000 ");

        ReloadReport report = registry.reloadIfChanged().orElseThrow();

        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.REJECTED);
        assertThat(report.problems()).isNotEmpty();
        BuildProblem error = report.problems().get(0);
        assertThat(error.file()).isEqualTo("demo/fit.drl");
        assertThat(error.line()).isEqualTo(17);
        assertThat(registry.current().orElseThrow().version()).isEqualTo(before);
        assertThat(fit(VP)).isEqualTo(30);
        assertThat(registry.lastReport().orElseThrow().outcome()).isEqualTo(ReloadReport.Outcome.REJECTED);
        // A known-bad set is not rebuilt on every poll.
        assertThat(registry.reloadIfChanged()).isEmpty();
    }

    @Test
    void givenUnknownField_whenReloaded_thenErrorPointsAtTheRule() {
        Fixtures.edit(rules.resolve("demo/fit.drl"), "seniority == Seniority.VP", "senority == Seniority.VP");

        ReloadReport report = registry.reloadIfChanged().orElseThrow();

        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.REJECTED);
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("demo/fit.drl");
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.column()).isEqualTo(15);
            assertThat(p.message()).contains("senority");
        });
    }

    @Test
    void givenRuleWithoutPointsOrRouting_whenReloaded_thenRejectedWithItsLine() {
        append(rules.resolve("demo/fit.drl"), """

                rule "Does nothing"
                when
                    Prospect( company == "Acme" )
                then
                end
                """);

        ReloadReport report = registry.reloadIfChanged().orElseThrow();

        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.REJECTED);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("demo/fit.drl");
            assertThat(p.line()).isEqualTo(27);
            assertThat(p.message()).contains("Does nothing").contains("@fit");
        });
    }

    @Test
    void givenDuplicateRuleName_whenReloaded_thenRejected() {
        append(rules.resolve("demo/engagement.drl"), """

                rule "VP-level title"
                    @engagement(1)
                when
                    Prospect( )
                then
                end
                """);

        ReloadReport report = registry.reloadIfChanged().orElseThrow();

        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.REJECTED);
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.toString()).contains("VP-level title").contains("demo/fit.drl:6").contains("demo/engagement.drl:"));
    }

    @Test
    void givenExampleNoLongerHolds_whenReloaded_thenOldSetKeepsServing() {
        String before = registry.current().orElseThrow().version();
        Fixtures.edit(rules.resolve("demo/engagement.drl"), "@engagement(20) @max(2)", "@engagement(5) @max(2)");

        ReloadReport report = registry.reloadIfChanged().orElseThrow();

        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.REJECTED);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("demo.yaml");
            assertThat(p.line()).isEqualTo(19);
            assertThat(p.message()).contains("expected decision create_contact, got create_lead");
        });
        assertThat(registry.current().orElseThrow().version()).isEqualTo(before);
    }

    @Test
    void givenRuleFileAddedThenRemoved_whenReloaded_thenItsRulesComeAndGo() throws IOException {
        Prospect director = Prospect.builder("bo@acme.com").title("Director of IT").build();
        Files.writeString(rules.resolve("demo/directors.drl"), """
                package demo;
                import org.leadscoring.scoring.Prospect;
                import org.leadscoring.scoring.Seniority;

                rule "Director title"
                    @fit(12)
                when
                    Prospect( seniority == Seniority.DIRECTOR )
                then
                end
                """);
        assertThat(registry.reloadIfChanged().orElseThrow().outcome()).isEqualTo(ReloadReport.Outcome.LOADED);
        assertThat(fit(director)).isEqualTo(12);

        Files.delete(rules.resolve("demo/directors.drl"));
        assertThat(registry.reloadIfChanged().orElseThrow().outcome()).isEqualTo(ReloadReport.Outcome.LOADED);
        assertThat(fit(director)).isNull();
        assertThat(registry.current().orElseThrow().model("demo").orElseThrow().rules()).doesNotContainKey("Director title");
    }

    @Test
    void givenModelYamlWithUnknownKey_whenReloaded_thenRejectedWithPathAndLine() {
        Fixtures.edit(models.resolve("demo.yaml"), "  hysteresis: 5", "  hysteresis: 5\n  min_fitt: 3");

        ReloadReport report = registry.reloadIfChanged().orElseThrow();

        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.REJECTED);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("demo.yaml");
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.message()).contains("qualification").contains("min_fitt");
        });
    }

    @Test
    void givenModelReferencingMissingRuleFile_whenReloaded_thenRejected() {
        Fixtures.edit(models.resolve("demo.yaml"), "  - demo/*.drl", "  - demo/*.drl\n  - other/missing.drl");

        ReloadReport report = registry.reloadIfChanged().orElseThrow();

        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("other/missing.drl"));
    }

    @Test
    void givenSecondModel_whenLoaded_thenBothServeSideBySide() throws IOException {
        Files.writeString(models.resolve("strict.yaml"), """
                name: strict
                rules: [demo/fit.drl]
                qualification: { min_fit: 100 }
                grades: [{ grade: X }]
                """);

        assertThat(registry.reloadIfChanged().orElseThrow().outcome()).isEqualTo(ReloadReport.Outcome.LOADED);

        RuleSet set = registry.current().orElseThrow();
        assertThat(set.models()).containsOnlyKeys("demo", "strict");
        assertThat(set.model(null).orElseThrow().name()).isEqualTo("demo");
        assertThat(set.model("strict").orElseThrow().rules()).containsOnlyKeys("VP-level title", "Mid-size company", "Free email address");
    }

    @Test
    void givenRuleThatWouldLoop_whenReloaded_thenRefusedAtItsThenPart_andThePreviousRulesKeepServing() {
        Fixtures.append(rules.resolve("demo/fit.drl"), "looping-rule.drl");

        ReloadReport report = registry.reloadIfChanged().orElseThrow();

        assertThat(report.outcome()).isEqualTo(ReloadReport.Outcome.REJECTED);
        assertThat(report.problems()).first().satisfies(p -> {
            assertThat(p.file()).isEqualTo("demo/fit.drl");
            assertThat(p.line()).isEqualTo(lineOf(rules.resolve("demo/fit.drl"), "update($p);"));
            assertThat(p.message()).startsWith("the then part of a rule must be empty");
        });
        assertThat(fit(VP)).isEqualTo(30);
    }

    private static int lineOf(Path file, String text) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new AssertionError(text + " not in " + file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void givenReloadsUnderLoad_thenEveryResultMatchesTheVersionThatProducedIt() throws Exception {
        Map<String, Integer> fitByVersion = new ConcurrentHashMap<>();
        fitByVersion.put(registry.current().orElseThrow().version(), 30);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Integer> checked = pool.submit(() -> {
            int n = 0;
            while (!stop.get()) {
                RuleSet set = registry.current().orElseThrow();
                Integer fit = set.model("demo").orElseThrow().evaluate(VP, List.of(), NOW).scoreCard().fit();
                Integer expected = fitByVersion.get(set.version());
                if (expected != null) {
                    assertThat(fit).as("version %s", set.version()).isEqualTo(expected);
                    n++;
                }
            }
            return n;
        });
        try {
            for (int i = 0; i < 4; i++) {
                int points = 21 + i;
                Fixtures.edit(rules.resolve("demo/fit.drl"), "@fit(" + (points - 1) + ")", "@fit(" + points + ")");
                Snapshot next = Snapshot.read(rules, models);
                fitByVersion.put(next.version(), points + 10);
                assertThat(registry.reloadIfChanged().orElseThrow().outcome()).isEqualTo(ReloadReport.Outcome.LOADED);
            }
        } finally {
            stop.set(true);
        }
        assertThat(checked.get(30, TimeUnit.SECONDS)).isPositive();
        pool.shutdown();
    }

    private Integer fit(Prospect p) {
        Evaluation e = registry.current().orElseThrow().model("demo").orElseThrow().evaluate(p, List.of(), NOW);
        return e.scoreCard().fit();
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, Files.readString(file) + text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
