package org.leadscoring.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A key that sends more requests a second than allowed gets 429 with Retry-After. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
class RateLimitTest {

    static {
        TestApi.useKey();
    }

    /** Three requests a second per key. */
    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadscoring.limits.requests-per-second", "3");
        }
    }

    @Test
    void givenBurstOverTheLimit_then429WithRetryAfter() {
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            responses.add(given().get("/api/models"));
        }

        assertThat(responses).anySatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertThat(r.jsonPath().getString("error")).isEqualTo("too_many_requests");
        });
        assertThat(responses).anySatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    }
}
