package org.leadscoring.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.RuleSetBuilder;
import org.leadscoring.scoring.ruleset.Snapshot;

/**
 * After a change of points, the shipped model's examples that pin the old numbers are brought up to what the change
 * scores, and only those: one that would decide otherwise is left failing unless a person accepts it by name; with
 * the files written, the change builds with every example passing.
 */
class ExamplePointsTest {

    private static Map<String, String> rules(String file, String from, String to) {
        Snapshot shipped = Snapshot.read(Path.of("rules"), Path.of("scoring-models"));
        Map<String, String> rules = new TreeMap<>();
        shipped.rules().forEach((p, f) -> rules.put(p, f.content()));
        assertThat(rules.get(file)).contains(from);
        rules.put(file, rules.get(file).replace(from, to));
        return rules;
    }

    private static Map<String, String> models() {
        Map<String, String> models = new TreeMap<>();
        Snapshot.read(Path.of("rules"), Path.of("scoring-models")).models().forEach((p, f) -> models.put(p, f.content()));
        return models;
    }

    private static ExamplePoints.Result after(Map<String, String> rules, Map<String, String> models, Set<String> accepted) {
        Snapshot snapshot = Snapshot.of(rules, models);
        RuleSetBuilder.Result built = new RuleSetBuilder("b2b", 10_000).build(snapshot, false);
        assertThat(built.ruleSet()).isNotNull();
        return ExamplePoints.of(built.ruleSet(), snapshot, accepted);
    }

    private static List<String> exampleErrors(Map<String, String> rules, Map<String, String> models) {
        return new RuleSetBuilder("b2b", 10_000).build(Snapshot.of(rules, models), true).problems().stream().filter(BuildProblem::isError)
                .map(BuildProblem::message).toList();
    }

    @Test
    void givenNewPointsThatMoveOnlyNumbers_thenThePinnedNumbersFollow_andNothingElseInTheFileChanges() {
        Map<String, String> rules = rules("b2b/fit.drl", "@fit(8) @reason(\"Manager-level title", "@fit(12) @reason(\"Manager-level title");
        Map<String, String> models = models();
        assertThat(exampleErrors(rules, models)).isNotEmpty();

        ExamplePoints.Result r = after(rules, models, Set.of());

        assertThat(r.left()).isEmpty();
        assertThat(r.updated()).extracting(ExamplePoints.Updated::example).contains("Whitepaper download by a manager is a Lead",
                "Existing Lead who requests a demo is converted");
        assertThat(r.updated()).filteredOn(u -> u.example().equals("Whitepaper download by a manager is a Lead")).singleElement()
                .satisfies(u -> assertThat(u.changed()).containsEntry("fit", List.of(48, 52)));
        String written = r.files().get("scoring-models/b2b.yaml");
        assertThat(written.replace("fit: 52", "fit: 48")).isEqualTo(models.get("b2b.yaml"));
        models.put("b2b.yaml", written);
        assertThat(exampleErrors(rules, models)).isEmpty();
    }

    @Test
    void givenNewPointsThatChangeADecision_thenThatExampleIsLeft_untilAcceptedByName() {
        Map<String, String> rules = rules("b2b/engagement.drl", "@engagement(15) @max(3) @reason(\"Attended a webinar",
                "@engagement(25) @max(3) @reason(\"Attended a webinar");
        Map<String, String> models = models();
        String meant = "Existing Lead attending a webinar is not yet qualified";

        ExamplePoints.Result r = after(rules, models, Set.of());
        assertThat(r.left()).extracting(ExamplePoints.Left::example).containsExactly(meant);
        assertThat(r.left().get(0).failures()).anySatisfy(f -> assertThat(f).startsWith("expected decision update_lead, got convert_lead"));
        assertThat(r.updated()).extracting(ExamplePoints.Updated::example).doesNotContain(meant);

        ExamplePoints.Result accepted = after(rules, models, Set.of(meant));
        assertThat(accepted.left()).isEmpty();
        assertThat(accepted.updated()).filteredOn(u -> u.example().equals(meant)).singleElement()
                .satisfies(u -> assertThat(u.changed()).containsEntry("decision", List.of("update_lead", "convert_lead"))
                        .containsEntry("qualified", List.of(false, true)));
        models.put("b2b.yaml", accepted.files().get("scoring-models/b2b.yaml"));
        assertThat(exampleErrors(rules, models)).isEmpty();
    }
}
