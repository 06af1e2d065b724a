package org.leadscoring.outcomes;

import org.leadscoring.rescoring.RescoringPostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The outcome sync, the calibration report and the back-test on PostgreSQL (its MERGE, dates and amounts). */
@QuarkusTest
@TestProfile(RescoringPostgresProfile.class)
class OutcomesPostgresTest extends OutcomesTest {

    @Override
    protected int fixtureSize() {
        return 150;
    }
}
