package org.leadscoring.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

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

/** A rule that keeps re-activating itself is stopped and named over HTTP, without a stack trace or a hung request. */
@QuarkusTest
@TestProfile(LoopingRuleTest.WithLoop.class)
class LoopingRuleTest {

    static {
        TestApi.useKey();
    }

    /** The fixture rules plus a rule that loops for one company only, so the model's examples still load. */
    public static class WithLoop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("looping-rules");
                Fixtures.copy("basic", dir);
                Fixtures.append(dir.resolve("rules/demo/fit.drl"), "looping-rule.drl");
                return Map.of("leadscoring.rules-dir", dir.resolve("rules").toString(), "leadscoring.models-dir",
                        dir.resolve("scoring-models").toString(), "leadscoring.default-model", "demo",
                        "leadscoring.limits.max-rule-firings", "1000");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void givenProspectThatTriggersALoopingRule_then500NamingTheRule() {
        given().contentType(ContentType.JSON).body("{\"prospect\":{\"email\":\"x@loop.com\",\"company\":\"Loop Inc\"}}")
                .when().post("/api/score")
                .then().statusCode(500)
                .body("error", equalTo("rule_loop"))
                .body("message", containsString("Loops forever"))
                .body("message", not(containsString("at org.")));
        given().contentType(ContentType.JSON).body("{\"prospect\":{\"email\":\"x@fine.com\",\"company\":\"Fine Inc\"}}")
                .when().post("/api/score").then().statusCode(200);
    }
}
