package org.leadscoring.rescoring;

import java.util.Map;

import org.leadscoring.intake.PostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The incremental runs' exactness on PostgreSQL, where the stored Leads are merged with PostgreSQL's own MERGE. */
@QuarkusTest
@TestProfile(IncrementalRescoringPostgresTest.Profile.class)
class IncrementalRescoringPostgresTest extends IncrementalRescoringTest {

    public static class Profile extends CoqlRescoringProfile {
        @Override
        protected Map<String, String> database() {
            return PostgresProfile.settings();
        }
    }
}
