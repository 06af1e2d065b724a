package org.leadscoring.rescoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Starts re-scoring runs through the API as a client would, for the tests of every package. */
public final class RunsApi {

    private RunsApi() {
    }

    /** Starts a run with {@code body} (once no other run is going on) and answers its record once it has ended. */
    public static JsonPath runAndWait(String body) {
        // A run started by a rule change may still be going on: wait for it, one run at a time.
        String[] started = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            var response = given().contentType(ContentType.JSON).body(body).post("/api/rescoring/runs");
            started[0] = response.statusCode() == 202 ? response.path("id") : null;
            return started[0] != null;
        });
        String id = started[0];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> !"running".equals(given().get("/api/rescoring/runs/" + id).then().extract().path("run.state")));
        return given().get("/api/rescoring/runs/" + id).then().statusCode(200).extract().jsonPath();
    }
}
