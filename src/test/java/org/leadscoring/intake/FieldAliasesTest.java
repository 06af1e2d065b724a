package org.leadscoring.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The names forms and Zaps give fields, mapped to the service's. */
class FieldAliasesTest {

    final FieldAliases aliases = new FieldAliases(Map.of());

    @Test
    void givenSpellingsOfOneField_thenEachMapsToIt() {
        for (String key : List.of("First Name", "firstName", "fname", "first_name", "FIRST-NAME")) {
            assertThat(aliases.fieldOf(key)).as(key).contains("first_name");
        }
        assertThat(aliases.fieldOf("No. of Employees")).contains("employee_count");
        assertThat(aliases.fieldOf("occurred_at")).contains("activity_at");
        assertThat(aliases.fieldOf("at")).contains("activity_at");
    }

    @Test
    void givenNestedNames_thenTheLastPartCounts() {
        assertThat(aliases.fieldOf("lead__first_name")).contains("first_name");
        assertThat(aliases.fieldOf("answers.email")).contains("email");
        assertThat(aliases.fieldOf("answers.favourite_colour")).isEmpty();
    }

    @Test
    void givenConfiguredAliases_thenTheyMap_andAnUnknownFieldIsRefusedByName() {
        FieldAliases extra = new FieldAliases(Map.of("company", List.of("Firma")));
        assertThat(extra.fieldOf("firma")).contains("company");
        assertThatThrownBy(() -> new FieldAliases(Map.of("compnay", List.of("x")))).hasMessageContaining("leadscoring.intake.aliases.compnay");
    }
}
