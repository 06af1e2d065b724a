package org.leadscoring.rescoring;

import java.util.Map;

import org.leadscoring.intake.PostgresProfile;

/**
 * {@link CoqlRescoringProfile} on PostgreSQL: the re-scoring, outcome and challenger tests that check PostgreSQL's own
 * SQL (its MERGE, dates, amounts) share this one boot.
 */
public class RescoringPostgresProfile extends CoqlRescoringProfile {

    @Override
    protected Map<String, String> database() {
        return PostgresProfile.settings();
    }
}
