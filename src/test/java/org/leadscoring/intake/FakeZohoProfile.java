package org.leadscoring.intake;

import java.util.HashMap;
import java.util.Map;

import org.leadscoring.crm.zoho.FakeZoho;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service connected to a fake Zoho on loopback, on the embedded H2 database. */
public class FakeZohoProfile implements QuarkusTestProfile {

    public static final FakeZoho ZOHO = new FakeZoho();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("zoho.accounts-url", ZOHO.url());
        config.put("zoho.api-url", ZOHO.url());
        config.put("zoho.client-id", FakeZoho.CLIENT_ID);
        config.put("zoho.client-secret", FakeZoho.CLIENT_SECRET);
        config.put("zoho.refresh-token", FakeZoho.REFRESH_TOKEN);
        config.put("zoho.retry.max-attempts", "2");
        config.put("zoho.retry.initial-backoff", "10ms");
        config.put("zoho.retry.max-total", "2s");
        config.put("leadscoring.intake.zoho-budget", "5s");
        // The accounts server's throttle is waited out in a second here (60 s by default).
        config.put("zoho.token-throttle-wait", "1s");
        // These tests make Zoho fail on purpose now and then; the circuit has its own test (ZohoCircuitTest).
        config.put("zoho.circuit.failures", "0");
        config.put("leadscoring.conversion-follow-up.first-check", "200ms");
        config.put("leadscoring.jobs.interval", "200ms");
        // Thousands of Leads and intakes scored on two cores beside the fake Zoho, Maven and the JIT: a stall of the
        // machine must not read as a rule that runs away. The bound itself is tested where it is the subject
        // (EvaluationLimitsTest, HostileRulesTest, bench/run regex), with the shipped 250 ms.
        config.put("leadscoring.limits.max-scoring-time", "2s");
        // A custom attribute of the intake carried to a custom field of Zoho's.
        config.put("zoho.custom-fields.plan", "Plan__c");
        config.putAll(database());
        return config;
    }

    /** The database settings of this profile; the PostgreSQL profile overrides them. */
    protected Map<String, String> database() {
        return Map.of();
    }
}
