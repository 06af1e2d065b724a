package org.leadscoring.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.FieldMapping;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordOutcome;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With credentials and URL overrides in configuration, the service talks to Zoho (here, the fake) over HTTP. */
@QuarkusTest
@TestProfile(ZohoConfiguredTest.WithFakeZoho.class)
class ZohoConfiguredTest {

    /** Points the service at a fake Zoho started for this profile. */
    public static class WithFakeZoho implements QuarkusTestProfile {
        static final FakeZoho ZOHO = new FakeZoho();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zoho.dc", "eu", "zoho.accounts-url", ZOHO.url(), "zoho.api-url", ZOHO.url(),
                    "zoho.client-id", FakeZoho.CLIENT_ID, "zoho.client-secret", FakeZoho.CLIENT_SECRET,
                    "zoho.refresh-token", FakeZoho.REFRESH_TOKEN, "zoho.lead-fields.score", "Score__c");
        }
    }

    @Inject
    Crm crm;

    @Inject
    FieldMapping mapping;

    @Test
    void givenCredentials_thenHttpClientUsingOverridesAndConfiguredFieldNames() {
        assertThat(crm.dryRun()).isFalse();

        RecordOutcome created = crm.create(RecordKind.LEADS, Map.of("Email", "cfg@acme.com", "Last_Name", "Cfg"));

        assertThat(created.success()).isTrue();
        assertThat(crm.findByEmail("cfg@acme.com", List.of())).isPresent();
        assertThat(WithFakeZoho.ZOHO.tokensIssued()).isEqualTo(1);
        assertThat(mapping.apiName(RecordKind.LEADS, "score")).isEqualTo("Score__c");
        assertThat(mapping.apiName(RecordKind.CONTACTS, "score")).isEqualTo("Lead_Score");
        assertThat(crm.usage().calls()).isGreaterThanOrEqualTo(2);
    }
}
