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

/** Rules that fire past the firing limit are stopped and named over HTTP, without a stack trace or a hung request. */
@QuarkusTest
@TestProfile(LoopingRuleTest.WithLoop.class)
class LoopingRuleTest {

    static {
        TestApi.useKey();
    }

    /** The fixture rules with a low firing limit: a prospect with more matching activities than that trips it. */
    public static class WithLoop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("looping-rules");
                Fixtures.copy("basic", dir);
                return Map.of("leadscoring.rules-dir", dir.resolve("rules").toString(), "leadscoring.models-dir",
                        dir.resolve("scoring-models").toString(), "leadscoring.default-model", "demo",
                        "leadscoring.limits.max-rule-firings", "1000");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void givenProspectWhoseActivitiesFireARulePastTheLimit_then500NamingTheRule() {
        String webinars = String.join(",", java.util.Collections.nCopies(1000, "{\"type\":\"webinar_attended\",\"at\":\"2026-11-01T10:00:00Z\"}"));
        given().contentType(ContentType.JSON).body("{\"prospect\":{\"email\":\"x@loop.com\"},\"activities\":[" + webinars + "]}")
                .when().post("/api/score")
                .then().statusCode(500)
                .body("error", equalTo("rule_loop"))
                .body("message", containsString("Webinar attended"))
                .body("message", not(containsString("at org.")));
        given().contentType(ContentType.JSON).body("{\"prospect\":{\"email\":\"x@fine.com\",\"company\":\"Fine Inc\"}}")
                .when().post("/api/score").then().statusCode(200);
    }
}
