package org.leadscoring.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.scoring.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Started on rule files that never compiled: the service runs, says why, and refuses to score instead of guessing. */
@QuarkusTest
@TestProfile(BrokenRulesTest.NeverCompiled.class)
class BrokenRulesTest {

    static {
        TestApi.useKey();
    }

    /** The fixture rules with a syntax error from the start. */
    public static class NeverCompiled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("broken-rules");
                Fixtures.copy("basic", dir);
                Fixtures.edit(dir.resolve("rules/demo/fit.drl"), "Prospect( seniority == Seniority.VP )", "Prospect( seniority == )");
                return Map.of("leadscoring.rules-dir", dir.resolve("rules").toString(), "leadscoring.models-dir",
                        dir.resolve("scoring-models").toString(), "leadscoring.default-model", "demo");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void givenNoRuleSetEverLoaded_thenScoring503_statusShowsTheError_andNotReady() {
        given().contentType(ContentType.JSON).body("{\"prospect\":{\"email\":\"ann@acme.com\"}}")
                .when().post("/api/score")
                .then().statusCode(503)
                .body("error", equalTo("no_rule_set"))
                .body("message", containsString("/api/rules/status"));
        given().get("/api/rules/status").then().statusCode(200)
                .body("serving", equalTo(false))
                .body("last_reload.outcome", equalTo("rejected"))
                .body("last_reload.problems[0].file", equalTo("demo/fit.drl"))
                .body("last_reload.problems[0].line", equalTo(9));
        given().get("/q/health/ready").then().statusCode(503);
    }
}
