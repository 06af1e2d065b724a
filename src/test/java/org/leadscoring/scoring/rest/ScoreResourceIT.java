package org.leadscoring.scoring.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged jar: proves the DRL compiles at run time in the production build. */
@QuarkusIntegrationTest
class ScoreResourceIT extends ScoreResourceTest {
}
