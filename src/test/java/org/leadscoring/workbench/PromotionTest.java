package org.leadscoring.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A challenger promoted: the champion's file takes the challenger's YAML as written (comments and all) under the
 * champion's name and without {@code challenger_of}; the challenger's file goes; other files are not touched.
 */
class PromotionTest {

    static final String CHALLENGER = """
            # Qualifies sooner: trying it in shadow since March.
            name: b2b-next
            challenger_of: b2b
            rules:
              - b2b/*.drl
            qualification: { min_fit: 30, min_engagement: 20 }
            grades:
              - { grade: A, min: 60 }
              - { grade: C }
            """;

    @Test
    void givenAChallenger_thenTheChampionsFileTakesItsSettings_andItsFileGoes() throws Exception {
        Map<String, String> files = new HashMap<>();
        files.put("scoring-models/b2b.yaml", Files.readString(Path.of("scoring-models/b2b.yaml")));
        files.put("scoring-models/next.yaml", CHALLENGER);
        files.put("rules/b2b/fit.drl", "not read");

        Promotion.Promoted p = Promotion.of(files, "b2b-next");

        assertThat(p.files()).containsOnlyKeys("scoring-models/b2b.yaml", "scoring-models/next.yaml");
        assertThat(p.files().get("scoring-models/next.yaml")).isNull();
        assertThat(p.files().get("scoring-models/b2b.yaml")).isEqualTo(CHALLENGER.replace("name: b2b-next", "name: b2b").replace("challenger_of: b2b\n", ""));
        assertThat(p.message()).isEqualTo("Promote the challenger 'b2b-next' over 'b2b'");
    }

    @Test
    void givenNoSuchChallenger_orAModelThatDecides_thenRefusedNamingTheField() throws Exception {
        Map<String, String> files = Map.of("scoring-models/b2b.yaml", Files.readString(Path.of("scoring-models/b2b.yaml")));

        assertThatThrownBy(() -> Promotion.of(files, "b2b-next")).isInstanceOfSatisfying(ModelEdits.Refused.class,
                e -> assertThat(e.error().field()).isEqualTo("challenger"));
        assertThatThrownBy(() -> Promotion.of(files, "b2b")).isInstanceOfSatisfying(ModelEdits.Refused.class,
                e -> assertThat(e.getMessage()).contains("is not a challenger"));
        assertThatThrownBy(() -> Promotion.of(Map.of("scoring-models/next.yaml", CHALLENGER), "b2b-next"))
                .isInstanceOfSatisfying(ModelEdits.Refused.class, e -> assertThat(e.getMessage()).contains("no model file names 'b2b'"));
    }
}
