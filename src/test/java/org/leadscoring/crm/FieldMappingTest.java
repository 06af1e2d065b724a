package org.leadscoring.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.leadscoring.crm.zoho.ZohoFields;
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Contribution;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ScoreCard;

/** Prospect fields and scores to Zoho field API names: defaults, overrides, the Last_Name fallback. */
class FieldMappingTest {

    static final ScoreCard CARD = new ScoreCard(65, 40, 105, "B", true, List.of(
            new Contribution("VP-level title", Axis.FIT, 20, "VP"), new Contribution("Large company", Axis.FIT, 45, "big"),
            new Contribution("Demo requested", Axis.ENGAGEMENT, 40, "demo")), Instant.EPOCH);

    @Test
    void defaultsWriteStandardFieldsAndScoreCustomFields() {
        Prospect p = Prospect.builder("ann@acme.com").firstName("Ann").lastName("Lee").company("Acme").title("VP Sales").country("US").industry("SaaS")
                .employeeCount(350).leadSource("Web").build();
        List<String> notes = new ArrayList<>();

        Map<String, Object> lead = ZohoFields.mapping().recordFields(RecordKind.LEADS, p, notes);
        Map<String, Object> contact = ZohoFields.mapping().recordFields(RecordKind.CONTACTS, p, notes);

        assertThat(lead).containsEntry("Email", "ann@acme.com").containsEntry("Last_Name", "Lee").containsEntry("Company", "Acme")
                .containsEntry("Designation", "VP Sales").containsEntry("No_of_Employees", 350).containsEntry("Lead_Source", "Web");
        assertThat(contact).containsEntry("Title", "VP Sales").containsEntry("Mailing_Country", "US").doesNotContainKey("Company");
        assertThat(notes).isEmpty();
        assertThat(ZohoFields.mapping().scoreFields(RecordKind.LEADS, CARD)).containsEntry("Lead_Score", 105).containsEntry("Lead_Grade", "B")
                .containsEntry("Score_Explanation", "Fit 65: Large company +45, VP-level title +20 | Engagement 40: Demo requested +40".replace(
                        "Large company +45, VP-level title +20", "VP-level title +20, Large company +45"));
    }

    @Test
    void givenNoLastName_thenEmailLocalPartStandsInAndNoteSaysSo() {
        List<String> notes = new ArrayList<>();

        Map<String, Object> fields = ZohoFields.mapping().recordFields(RecordKind.LEADS, Prospect.ofEmail("sam.jones@gmail.com"), notes);

        assertThat(fields).containsEntry("Last_Name", "sam.jones");
        assertThat(notes).singleElement().asString().contains("Last_Name").contains("sam.jones");
    }

    @Test
    void overridesRenameAndDropFields() {
        FieldMapping mapping = new FieldMapping(ZohoFields.DEFAULTS, Map.of("score", "Score__c", "explanation", "", "fit-score", "Fit__c"), Map.of(), Map.of(), FieldPolicy.defaults());

        Map<String, Object> fields = mapping.scoreFields(RecordKind.LEADS, CARD);

        assertThat(fields).containsEntry("Score__c", 105).containsEntry("Fit__c", 65).doesNotContainKeys("Lead_Score", "Score_Explanation");
        assertThat(mapping.scoreFields(RecordKind.CONTACTS, CARD)).containsKey("Lead_Score");
    }

    /** The mappable fields come from the prospect record itself: one no default names is mapped by configuration alone. */
    @Test
    void aProspectFieldWithoutADefault_isMappedByConfiguration_andReadBack() {
        FieldMapping mapping = new FieldMapping(ZohoFields.DEFAULTS, Map.of("purchase_amount", "Purchase_Amount__c"), Map.of(), Map.of(), FieldPolicy.defaults());
        Prospect p = Prospect.builder("ann@acme.com").lastName("Lee").purchaseAmount(new java.math.BigDecimal("1200.50")).build();

        Map<String, Object> lead = mapping.recordFields(RecordKind.LEADS, p, new ArrayList<>());

        assertThat(lead).containsEntry("Purchase_Amount__c", new java.math.BigDecimal("1200.50"));
        assertThat(mapping.apiNames(RecordKind.LEADS)).contains("Purchase_Amount__c");
        assertThat(mapping.prospectFrom(RecordKind.LEADS, "ann@acme.com", Map.of("Purchase_Amount__c", "1200.5")).purchaseAmount())
                .isEqualByComparingTo("1200.50");
        assertThat(FieldMapping.PROSPECT_FIELDS).doesNotContain("email", "purchased", "custom").contains("first_name", "annual_revenue");
    }

    @Test
    void unknownFieldInConfigurationIsRefusedWithItsKey() {
        assertThatThrownBy(() -> new FieldMapping(ZohoFields.DEFAULTS, Map.of("scor", "X"), Map.of(), Map.of(), FieldPolicy.defaults())).hasMessageContaining("zoho.lead-fields.scor");
    }

    @Test
    void customAttributesAreCarriedToTheirZohoFieldUnderTheFieldPolicy() {
        FieldMapping mapping = new FieldMapping(ZohoFields.DEFAULTS, Map.of(), Map.of(), Map.of("plan", "Plan__c", "seats", "Seats__c"),
                new FieldPolicy(Map.of("seats", "fill_if_empty"), Set.of("plan", "seats")));
        Prospect p = Prospect.ofEmail("ann@acme.com");
        p = org.leadscoring.scoring.ProspectFields.with(p, Map.of("custom", Map.of("plan", "enterprise", "seats", 40, "colour", "red")));

        Map<String, Object> created = mapping.recordFields(RecordKind.CONTACTS, p, new ArrayList<>());
        assertThat(created).containsEntry("Plan__c", "enterprise").containsEntry("Seats__c", 40).doesNotContainValue("red");

        // Sales set the plan in Zoho after the service wrote "team": the edit stands and is what rules read (keep_edits);
        // seats are only filled where Zoho has none, and 40 is the same number Zoho returns as 40.0.
        CrmRecord record = new CrmRecord(RecordKind.LEADS, "1", "ann@acme.com", Map.of("Plan__c", "business", "Seats__c", 40.0));
        Map<String, String> written = Map.of("plan", "team");
        assertThat(mapping.changes(record, p, written, CARD)).doesNotContainKeys("Plan__c", "Seats__c");
        assertThat(mapping.standing(p, record, written).custom()).containsEntry("plan", "business").containsEntry("colour", "red");

        // Not edited since the service wrote it: the intake's new value is written and stands.
        assertThat(mapping.changes(record, p, Map.of("plan", "business"), CARD)).containsEntry("Plan__c", "enterprise");
        assertThat(mapping.standing(p, record, Map.of("plan", "business")).custom()).containsEntry("plan", "enterprise");
        assertThat(mapping.written(RecordKind.LEADS, created)).containsEntry("plan", "enterprise").containsEntry("seats", "40");

        // A record made in Zoho: its custom field is what the rules read.
        assertThat(mapping.prospectFrom(RecordKind.LEADS, "ann@acme.com", Map.of("Plan__c", "starter")).custom()).containsEntry("plan", "starter");
    }

    @Test
    void aCustomFieldNamingAProspectFieldOrNoZohoFieldIsRefused() {
        assertThatThrownBy(() -> new FieldMapping(ZohoFields.DEFAULTS, Map.of(), Map.of(), Map.of("title", "Title__c"), FieldPolicy.defaults()))
                .hasMessageContaining("zoho.custom-fields.title names a prospect field");
        assertThatThrownBy(() -> new FieldMapping(ZohoFields.DEFAULTS, Map.of(), Map.of(), Map.of("plan", " "), FieldPolicy.defaults()))
                .hasMessageContaining("zoho.custom-fields.plan is empty");
        assertThatThrownBy(() -> new FieldPolicy(Map.of("plan", "never"), Set.of())).hasMessageContaining("zoho.field-policy.plan");
    }
}
