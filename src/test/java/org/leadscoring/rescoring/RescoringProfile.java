package org.leadscoring.rescoring;

import java.nio.file.Path;
import java.util.Map;

import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.intake.FakeZohoProfile;
import org.leadscoring.scoring.Fixtures;

/**
 * A fake Zoho of its own, and a copy of the shipped rules the tests may edit. Runs read by listing pages of 200, the
 * reader these tests' page counts and page tokens are about; {@link CoqlRescoringTest} covers the COQL reader. An admin
 * key, for the back-test, and a sales capacity, for the report's qualified per week (the outcome tests share this boot:
 * every profile costs the suite a build and a boot of the service).
 */
public class RescoringProfile extends FakeZohoProfile {

    public static final FakeZoho ZOHO = new FakeZoho();
    public static final Path RULES = Fixtures.copyOfShippedRules("rescoring-rules");
    public static final String ADMIN = "ops-secret-1";
    public static final int CAPACITY = 100;

    /**
     * A new organisation: the fake Zoho forgets every record and request, and the service the Leads it stored from the
     * last one (which would otherwise stand for the open Leads in a run's progress).
     */
    static void newOrganisation(org.leadscoring.store.Database db) {
        ZOHO.reset();
        db.update("DELETE FROM rescoring_snapshot");
    }

    /** How runs read the open Leads. */
    protected String reader() {
        return "pages";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new java.util.HashMap<>(super.getConfigOverrides());
        config.put("zoho.accounts-url", ZOHO.url());
        config.put("zoho.api-url", ZOHO.url());
        config.put("leadscoring.rules-dir", RULES.resolve("rules").toString());
        config.put("leadscoring.models-dir", RULES.resolve("scoring-models").toString());
        config.put("zoho.retry.max-attempts", "3");
        config.put("rescoring.on-rules-change", "true");
        config.put("rescoring.reader", reader());
        config.put("leadscoring.admin-key", "ops:" + ADMIN);
        config.put("leadscoring.sales-capacity-per-week", String.valueOf(CAPACITY));
        return config;
    }
}
