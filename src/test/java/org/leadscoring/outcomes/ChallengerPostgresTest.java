package org.leadscoring.outcomes;

import org.leadscoring.rescoring.RescoringPostgresProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A challenger in shadow on PostgreSQL: the history's lines (the decisions' own and each challenger's) and the report's moments. */
@QuarkusTest
@TestProfile(RescoringPostgresProfile.class)
class ChallengerPostgresTest extends ChallengerTest {

    @Override
    protected int prospects() {
        return 12;
    }
}
