package org.leadscoring.rescoring;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The incremental runs' exactness on PostgreSQL, where the stored Leads are merged with PostgreSQL's own MERGE. */
@QuarkusTest
@TestProfile(RescoringPostgresProfile.class)
class IncrementalRescoringPostgresTest extends IncrementalRescoringTest {
}
