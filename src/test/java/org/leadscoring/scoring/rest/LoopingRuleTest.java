package org.leadscoring.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Rules that fire past the firing limit (1,000 in this profile) are stopped and named over HTTP, without a stack trace or a hung request. */
@QuarkusTest
@TestProfile(HotReloadTest.TempRules.class)
class LoopingRuleTest {

    static {
        TestApi.useKey();
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
