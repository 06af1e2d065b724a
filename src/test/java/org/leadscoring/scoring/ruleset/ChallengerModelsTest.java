package org.leadscoring.scoring.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.leadscoring.outcomes.SuggestedPoints;
import org.leadscoring.scoring.model.SuggestedPointsSettings;

/**
 * {@code challenger_of} and {@code suggested_points.target} as a rule set reads them: a challenger of a model that
 * decides is served beside it; one of no model, of itself, of another challenger, or a default model made a challenger
 * is refused at its file, as is a target the suggestion cannot fit.
 */
class ChallengerModelsTest {

    static final String CHALLENGER = """
            name: b2b-next
            challenger_of: %s
            rules: [ b2b/*.drl ]
            qualification: { min_fit: 10, min_engagement: 5 }
            grades: [ { grade: A, min: 60 }, { grade: C } ]
            %s
            """;

    private static RuleSetBuilder.Result build(Map<String, String> extraModels) {
        Snapshot shipped = Snapshot.read(Path.of("rules"), Path.of("scoring-models"));
        Map<String, String> rules = new TreeMap<>();
        shipped.rules().forEach((p, f) -> rules.put(p, f.content()));
        Map<String, String> models = new TreeMap<>();
        shipped.models().forEach((p, f) -> models.put(p, f.content()));
        models.putAll(extraModels);
        return new RuleSetBuilder("b2b", 10_000).build(Snapshot.of(rules, models), false);
    }

    private static List<String> errors(RuleSetBuilder.Result r) {
        return r.problems().stream().filter(BuildProblem::isError).map(p -> p.file() + ": " + p.message()).toList();
    }

    @Test
    void givenAChallengerOfTheModelThatDecides_thenServedBesideIt_withItsTarget() {
        RuleSetBuilder.Result r = build(Map.of("b2b-next.yaml", CHALLENGER.formatted("b2b", "suggested_points: { target: converted }")));

        assertThat(errors(r)).isEmpty();
        assertThat(r.ruleSet().challengersOf("b2b")).extracting(CompiledModel::name).containsExactly("b2b-next");
        assertThat(r.ruleSet().challengersOf("b2b-next")).isEmpty();
        assertThat(r.ruleSet().model("b2b-next").orElseThrow().model().suggestionTarget()).isEqualTo("converted");
        assertThat(r.ruleSet().model("b2b").orElseThrow().model().suggestionTarget()).as("not set: deals won").isEqualTo("won");
    }

    @Test
    void givenChallengersThatCannotBe_thenEachRefusedAtItsFile() {
        assertThat(errors(build(Map.of("b2b-next.yaml", CHALLENGER.formatted("nothing", ""))))).singleElement().asString()
                .startsWith("b2b-next.yaml: challenger_of: there is no model named 'nothing'");
        assertThat(errors(build(Map.of("b2b-next.yaml", CHALLENGER.formatted("b2b-next", ""))))).singleElement().asString()
                .isEqualTo("b2b-next.yaml: challenger_of: a model cannot be its own challenger");
        assertThat(errors(build(Map.of("b2b-next.yaml", CHALLENGER.formatted("b2b", ""),
                "b2b-later.yaml", CHALLENGER.formatted("b2b-next", "").replace("name: b2b-next", "name: b2b-later")))))
                .singleElement().asString().startsWith("b2b-later.yaml: challenger_of: 'b2b-next' is itself a challenger");
        String defaultAsChallenger = Snapshot.read(Path.of("rules"), Path.of("scoring-models")).models().get("b2b.yaml").content()
                .replace("name: b2b\n", "name: b2b\nchallenger_of: b2b-next\n");
        assertThat(errors(build(Map.of("b2b.yaml", defaultAsChallenger, "b2b-next.yaml", CHALLENGER.formatted("b2b", "")))))
                .anySatisfy(e -> assertThat(e).startsWith("b2b.yaml: challenger_of: the default model 'b2b' decides for every intake"));
        assertThat(errors(build(Map.of("b2b-next.yaml", CHALLENGER.formatted("b2b", "suggested_points: { target: revenue }")))))
                .singleElement().asString().isEqualTo("b2b-next.yaml: suggested_points.target: is won or converted, not 'revenue'");
    }

    @Test
    void theTargetsAModelMayNameAreThoseTheSuggestionFits() {
        assertThat(List.of(SuggestedPoints.Target.values()).stream().map(SuggestedPoints.Target::word).toList())
                .containsExactlyElementsOf(SuggestedPointsSettings.TARGETS);
    }
}
