package org.leadscoring.intake;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same intake and persistence tests on PostgreSQL (the same Flyway migrations). */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class ZapierIntakePostgresTest extends ZapierIntakeTest {
}
