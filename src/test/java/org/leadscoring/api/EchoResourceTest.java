package org.leadscoring.api;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The HTTP benchmark's echo endpoint is not served unless {@code leadscoring.bench-echo=true}. */
@QuarkusTest
class EchoResourceTest {

    static {
        TestApi.useKey();
    }

    @Test
    void givenEchoNotSwitchedOn_then404() {
        given().contentType(ContentType.JSON).body("{\"a\":1}").post("/api/bench/echo").then().statusCode(404);
    }
}
