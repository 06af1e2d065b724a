package org.leadscoring.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Each rule of the field policy: what is scored (standing) and whether the service writes, for every case. */
class FieldPolicyTest {

    final FieldPolicy policy = new FieldPolicy(Map.of("title", "overwrite", "company", "fill_if_empty", "phone", "never"));

    @Test
    void givenKeepEdits_thenTheServiceWinsUnlessZohoWasEditedSinceItWrote() {
        // last_name keeps the default, keep_edits.
        // Zoho still holds what the service wrote: the person's newer value is taken.
        assertThat(policy.standing("last_name", "Cho", "Chu", "Chu")).isEqualTo("Cho");
        assertThat(policy.writes("last_name", "Cho", "Chu", "Chu")).isTrue();
        assertThat(policy.standing("last_name", "Cho", "Park", "Cho-Park")).as("edited in Zoho").isEqualTo("Park");
        assertThat(policy.writes("last_name", "Cho", "Park", "Cho-Park")).isFalse();
        assertThat(policy.standing("last_name", "Cho", "Park", null)).as("never written: counts as edited").isEqualTo("Park");
        assertThat(policy.writes("last_name", "Cho", null, "Park")).as("emptied in Zoho: filled").isTrue();
    }

    @Test
    void givenOverwriteFillIfEmptyAndNever_thenEachAsDocumented() {
        assertThat(policy.standing("title", "VP Sales", "Intern", "Intern")).isEqualTo("VP Sales");
        assertThat(policy.writes("title", "VP Sales", "Intern", null)).isTrue();

        assertThat(policy.standing("company", "Northwind", "Acme", "Northwind")).isEqualTo("Acme");
        assertThat(policy.writes("company", "Northwind", "Acme", "Northwind")).isFalse();
        assertThat(policy.writes("company", "Northwind", null, null)).isTrue();

        assertThat(policy.standing("phone", "+1 555", null, null)).as("scored from what the service knows").isEqualTo("+1 555");
        assertThat(policy.writes("phone", "+1 555", null, null)).isFalse();
    }

    @Test
    void givenNothingKnownOrTheSameValue_thenNothingIsWritten() {
        assertThat(policy.writes("title", null, "Intern", null)).isFalse();
        assertThat(policy.writes("title", "Intern", "Intern", null)).isFalse();
        assertThat(policy.standing("title", null, "Intern", null)).isEqualTo("Intern");
    }

    @Test
    void givenABadConfiguration_thenTheKeyIsNamed() {
        assertThatThrownBy(() -> new FieldPolicy(Map.of("score", "overwrite"))).hasMessageContaining("zoho.field-policy.score")
                .hasMessageContaining("score fields are always the service's");
        assertThatThrownBy(() -> new FieldPolicy(Map.of("title", "sometimes"))).hasMessageContaining("zoho.field-policy.title is 'sometimes'");
    }
}
