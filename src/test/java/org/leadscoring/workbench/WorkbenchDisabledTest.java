package org.leadscoring.workbench;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;

import io.quarkus.test.junit.QuarkusTest;

/** Without {@code leadscoring.admin-key} the workbench API is off, whatever key is sent. */
@QuarkusTest
class WorkbenchDisabledTest {

    static {
        TestApi.useKey();
    }

    @Test
    void givenNoAdminKeyConfigured_then403SayingHowToTurnItOn() {
        given().header("X-Admin-Key", "anything").get("/api/workbench/files").then().statusCode(403)
                .body("error", equalTo("admin_disabled")).body("message", containsString("leadscoring.admin-key"));
    }
}
