package org.leadscoring.outcomes;

import java.util.Map;

import org.leadscoring.intake.PostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The outcome sync, the calibration report and the back-test on PostgreSQL (its MERGE, dates and amounts). */
@QuarkusTest
@TestProfile(OutcomesPostgresTest.Profile.class)
class OutcomesPostgresTest extends OutcomesTest {

    @Override
    protected int fixtureSize() {
        return 150;
    }

    public static class Profile extends OutcomesProfile {
        @Override
        protected Map<String, String> database() {
            return PostgresProfile.settings();
        }
    }
}
