package org.leadscoring.outcomes;

import java.util.HashMap;
import java.util.Map;

import org.leadscoring.rescoring.RescoringProfile;

/**
 * {@link RescoringProfile} (a fake Zoho, a copy of the shipped rules) with a workbench key, for the back-test, and a
 * sales capacity for the report's qualified per week.
 */
public class OutcomesProfile extends RescoringProfile {

    static final String ADMIN = "ops-secret-1";
    static final int CAPACITY = 100;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("leadscoring.admin-key", "ops:" + ADMIN);
        config.put("leadscoring.sales-capacity-per-week", String.valueOf(CAPACITY));
        return config;
    }
}
