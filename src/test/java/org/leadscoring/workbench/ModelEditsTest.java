package org.leadscoring.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.model.ScoringModel;
import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.ModelReader;
import org.leadscoring.scoring.ruleset.SourceFile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The model form writes only what changed, where it stands: the rest of the file is the same to the byte — every
 * comment, the decay list's order, blank lines. A value typed into the form can only ever be a value: generated text
 * of every awkward kind either reads back exactly or is refused at its edit.
 */
class ModelEditsTest {

    static final String SHIPPED = read();

    static String read() {
        try {
            return Files.readString(Path.of("scoring-models/b2b.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ModelEdits.Edit edit(Object value, Object... path) {
        return new ModelEdits.Edit(List.of(path), value);
    }

    static ScoringModel model(String yaml) {
        List<BuildProblem> problems = new ArrayList<>();
        ScoringModel model = new ModelReader().readOne(new SourceFile("b2b.yaml", yaml, ""), problems);
        assertThat(problems).as(yaml).isEmpty();
        return model;
    }

    @Test
    void givenAThresholdChanged_thenOnlyItsValueIsRewritten_andEveryCommentAndTheDecayOrderKept() {
        String written = ModelEdits.apply(SHIPPED, List.of(edit(45, "qualification", "min_fit")));

        assertThat(written).isEqualTo(SHIPPED.replace("  min_fit: 40\n", "  min_fit: 45\n"));
        assertThat(model(written).qualification().minFit()).isEqualTo(45);
    }

    @Test
    void givenDecayGradesAndLimitsEdited_thenEachChangesWhereItStands() {
        String written = ModelEdits.apply(SHIPPED, List.of(
                edit(null, "decay", "web_form", "half_life_days"), edit(14, "decay", "web_form", "window_days"),
                edit(Map.of("half_life_days", 90), "decay", "purchase"),
                edit(Map.of("half_life_days", 20), "decay", "webinar_registered"),
                edit(85, "grades", 1, "min"),
                edit(10, "grades", 4, "min"),
                edit(Map.of("grade", "F"), "grades", "-"),
                edit(90, "limits", "engagement", "cap"),
                edit(95, "qualification", "min_total")));

        String expected = SHIPPED
                .replace("  web_form: { half_life_days: 30 }\n", "  web_form: { window_days: 14 }\n")
                .replace("  purchase: none\n", "  purchase: { half_life_days: 90 }\n")
                .replace("  careers_page_visit: { window_days: 30 }\n", "  careers_page_visit: { window_days: 30 }\n  webinar_registered: { half_life_days: 20 }\n")
                .replace("  - { grade: B, min: 80 }\n", "  - { grade: B, min: 85 }\n")
                .replace("  - { grade: E }\n", "  - { grade: E, min: 10 }\n  - { grade: F }\n")
                .replace("  engagement: { floor: 0, cap: 100 }\n", "  engagement: { floor: 0, cap: 90 }\n")
                .replace("  hysteresis: 10\n", "  hysteresis: 10\n  min_total: 95\n");
        assertThat(written).isEqualTo(expected);
        ScoringModel m = model(written);
        assertThat(m.qualification().minTotal()).isEqualTo(95);
        assertThat(m.grades()).hasSize(6);
        assertThat(m.decay()).containsKeys("web_form", "purchase", "webinar_registered");
    }

    @Test
    void givenTheFormMakingAChallengerWithAnotherTarget_thenTwoSettingsAreAdded_andReadBack_andTakenOutAgain() {
        String written = ModelEdits.apply(SHIPPED, List.of(edit("b2b-live", "challenger_of"), edit(Map.of("target", "converted"), "suggested_points")));

        assertThat(written).startsWith(SHIPPED).endsWith("challenger_of: b2b-live\nsuggested_points: { target: converted }\n");
        ScoringModel m = model(written);
        assertThat(m.challengerOf()).isEqualTo("b2b-live");
        assertThat(m.suggestionTarget()).isEqualTo("converted");
        assertThat(ModelEdits.apply(written, List.of(edit(null, "challenger_of"), edit(null, "suggested_points")))).isEqualTo(SHIPPED);
    }

    @Test
    void givenAnExampleEditedAndABandAndASettingRemoved_thenTheirLinesGoAndNothingElseMoves() {
        String written = ModelEdits.apply(SHIPPED, List.of(
                edit("B", "examples", 1, "expect", "grade"),
                edit(null, "grades", 3),
                edit(null, "qualification", "hysteresis")));

        String expectBefore = "    expect: { decision: create_lead, qualified: false, fit: 48, engagement: 10, grade: C,\n"
                + "              fired: [Manager-level title, Mid-size company, Target industry, Core market, Business email domain] }\n";
        assertThat(SHIPPED).contains(expectBefore);
        String expected = SHIPPED
                // A value that only changes is replaced where it stands: the flow mapping keeps its two lines.
                .replace(expectBefore, expectBefore.replace("grade: C,", "grade: B,"))
                .replace("  - { grade: D, min: 25 }\n", "")
                .replace("  hysteresis: 10\n", "");
        assertThat(written).isEqualTo(expected);
        assertThat(model(written).examples().get(1).expect().grade()).isEqualTo("B");
    }

    @Test
    void givenAPlaceTheFileDoesNotHave_thenTheEditIsRefusedByItsIndex() {
        assertThatThrownBy(() -> ModelEdits.apply(SHIPPED, List.of(edit(1, "grades", 1, "min"), edit(3, "grades", 40, "min"))))
                .isInstanceOfSatisfying(ModelEdits.Refused.class, e -> assertThat(e.error().field()).isEqualTo("edits[1].path"));
        assertThatThrownBy(() -> ModelEdits.apply(SHIPPED, List.of(edit(5, "qualification", "min fit: 1\nx"))))
                .isInstanceOfSatisfying(ModelEdits.Refused.class, e -> assertThat(e.error().field()).isEqualTo("edits[0].path"));
        Object[] deep = new Object[40];
        java.util.Arrays.fill(deep, "x");
        deep[0] = "decay";
        assertThatThrownBy(() -> ModelEdits.apply(SHIPPED, List.of(edit(1, deep))))
                .isInstanceOfSatisfying(ModelEdits.Refused.class, e -> assertThat(e.error().field()).isEqualTo("edits[0]"));
        Object nested = 1;
        for (int i = 0; i < 40; i++) {
            nested = Map.of("x", nested);
        }
        Object tooDeep = nested;
        assertThatThrownBy(() -> ModelEdits.apply(SHIPPED, List.of(edit(tooDeep, "decay", "x"))))
                .isInstanceOfSatisfying(ModelEdits.Refused.class, e -> assertThat(e.error().field()).isEqualTo("edits[0]"));
        assertThatThrownBy(() -> ModelEdits.apply("a: &x [1]\nb: *x\n", List.of(edit(1, "a"))))
                .isInstanceOfSatisfying(ModelEdits.Refused.class, e -> assertThat(e.error().field()).isEqualTo("content"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> expectOfFirstExample(Map<String, Object> yaml) {
        return (Map<String, Object>) ((Map<String, Object>) ((List<Object>) yaml.get("examples")).get(0)).get("expect");
    }

    /**
     * Generated values — quotes, backslashes, comment and flow characters, YAML's own words, line breaks, other scripts,
     * control characters — as an example's expected grade and as a new activity type's name: each either reads back as
     * exactly what was typed, with the rest of the file unchanged, or is refused at its edit.
     */
    @Test
    void givenGeneratedValues_thenEachReadsBackExactlyOrIsRefusedAtItsEdit() {
        String[] pieces = { "\"", "'", "\\", "#", ": ", "- ", "{", "}", "[", "]", ",", "&a", "*a", "!!python/object", "\n", "\r", "\t", "\u0000",
                "\u2028", "é", "Ж", "中", "😀", "yes", "null", "~", "none", "0x1F", "1e3", "%", "@", "`", "|", ">", " ", "A", "b", "7" };
        Random random = new Random(27);
        LoaderOptions options = new LoaderOptions();
        int refused = 0;
        for (int i = 0; i < 1_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int k = random.nextInt(6) + 1; k > 0; k--) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            String typed = value.toString();
            // As an expected grade, any text is a value: it reads back exactly, and nothing else in the file changes.
            String written = ModelEdits.apply(SHIPPED, List.of(edit(typed, "examples", 0, "expect", "grade")));
            Map<String, Object> yaml = new Yaml(options).load(new StringReader(written));
            assertThat(expectOfFirstExample(yaml).get("grade")).as(typed).isEqualTo(typed);
            int at = SHIPPED.indexOf("grade: E }\n\n  - name: Whitepaper");
            assertThat(written).startsWith(SHIPPED.substring(0, SHIPPED.indexOf("expect: { decision: create_lead, qualified: false, fit: 0")));
            assertThat(written).endsWith(SHIPPED.substring(at + "grade: E }".length()));
            // As a new activity type's name, only a setting's name is taken; anything else is refused at its edit.
            try {
                written = ModelEdits.apply(SHIPPED, List.of(edit(Map.of("half_life_days", 7), "decay", typed)));
            } catch (ModelEdits.Refused e) {
                refused++;
                assertThat(e.error().field()).as(typed).isEqualTo("edits[0].path");
                continue;
            }
            yaml = new Yaml(options).load(new StringReader(written));
            @SuppressWarnings("unchecked")
            Map<String, Object> decay = (Map<String, Object>) yaml.get("decay");
            assertThat(decay).as(typed).containsKey(typed);
        }
        // Activity type names are plain words: most generated names are refused, some taken.
        assertThat(refused).isBetween(1, 999);
    }
}
