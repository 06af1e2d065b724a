package org.leadscoring.rescoring;

import java.nio.file.Path;
import java.util.Map;

import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.intake.FakeZohoProfile;
import org.leadscoring.scoring.Fixtures;

/**
 * A fake Zoho of its own, and a copy of the shipped rules the tests may edit. Runs read by listing pages of 200, the
 * reader these tests' page counts and page tokens are about; {@link CoqlRescoringTest} covers the COQL reader.
 */
public class RescoringProfile extends FakeZohoProfile {

    public static final FakeZoho ZOHO = new FakeZoho();
    public static final Path RULES = Fixtures.copyOfShippedRules("rescoring-rules");

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
        return config;
    }
}
