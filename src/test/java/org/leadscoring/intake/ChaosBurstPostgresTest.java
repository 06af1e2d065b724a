package org.leadscoring.intake;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ChaosBurstTest} on PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class ChaosBurstPostgresTest extends ChaosBurstTest {

    /** 300 intakes: the production database takes the whole burst. */
    @Override
    protected int people() {
        return 100;
    }
}
