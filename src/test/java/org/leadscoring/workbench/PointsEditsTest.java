package org.leadscoring.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Suggested points written where each rule's points are written — a DRL annotation or a table's cell — and nowhere else. */
class PointsEditsTest {

    static final String FIT = "rules/b2b/fit.drl";

    @Test
    void givenNewPointsForDrlRules_thenOnlyTheirAnnotationsChange() throws IOException {
        String fit = Files.readString(Path.of(FIT));
        assertThat(fit).contains("rule \"Mid-size company\"\n    @fit(10)");
        String trap = "\nrule \"Says @fit(1) in its name\" // @fit(2) in a comment\n    @fit(3) @reason(\"A trap\")\nwhen\n    Prospect( company == \"Trap\" )\nthen end\n";

        PointsEdits.Edited edited = PointsEdits.apply(Map.of(FIT, fit + trap), Map.of("Mid-size company", 11, "Says @fit(1) in its name", 9,
                "No such rule", 4));

        assertThat(edited.files()).containsOnlyKeys(FIT);
        assertThat(edited.files().get(FIT)).isEqualTo(fit.replace("rule \"Mid-size company\"\n    @fit(10)", "rule \"Mid-size company\"\n    @fit(11)")
                + trap.replace("    @fit(3)", "    @fit(9)"));
        assertThat(edited.notFound()).containsExactly("No such rule");
    }

    @Test
    void givenNewPointsForTableRows_thenOnlyTheirPointsCellsChange_andOtherFilesAreLeft() {
        String table = "axis,field,test,value,points,reason\nfit,industry,is one of,SaaS | Software,15,Target industry\n"
                + "fit,employee_count,at least,\"1,000\",20,Enterprise\n";

        PointsEdits.Edited edited = PointsEdits.apply(Map.of("rules/b2b/accounts.csv", table, "scoring-models/b2b.yaml", "name: b2b\n"),
                Map.of("Enterprise", 25));

        assertThat(edited.files()).containsExactly(Map.entry("rules/b2b/accounts.csv", table.replace(",20,Enterprise", ",25,Enterprise")));
        assertThat(edited.notFound()).isEmpty();
    }

    @Test
    void givenPointsOutOfRange_thenRefusedNamingTheRule() {
        assertThatThrownBy(() -> PointsEdits.apply(Map.of(), Map.of("Enterprise", 5_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points.Enterprise");
    }
}
