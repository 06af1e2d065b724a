package org.leadscoring.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A Zoho that is down is known to be down: after three failed calls in a row the circuit opens (shown in
 * {@code /q/health}), intakes are answered {@code 202 queued} at once, a probe closes it when Zoho is back, and
 * the queued intakes are then delivered.
 */
@QuarkusTest
@TestProfile(ZohoCircuitProfile.class)
class ZohoCircuitTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = ZohoCircuitProfile.ZOHO;
    static final String DOWN = "{\"code\":\"INTERNAL_ERROR\",\"message\":\"down\",\"status\":\"error\",\"details\":{}}";

    @AfterEach
    void zohoBack() {
        ZOHO.clearFaults();
    }

    private static String circuit() {
        return given().get("/q/health/ready").then().extract().path("checks.find { it.name == 'zoho' }.data.circuit");
    }

    private static Response intake(String email) {
        return given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"last_name\":\"C\"}").post("/api/zapier/prospects");
    }

    @Test
    void givenZohoDown_thenTheCircuitOpens_intakesAreQueuedAtOnce_andAllAreDeliveredWhenZohoIsBack() {
        assertThat(circuit()).isEqualTo("closed");
        ZOHO.failNext(1_000_000, r -> r.path().startsWith("/crm/"), 503, DOWN);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5 && !"open".equals(circuit()); i++) {
            ids.add(intake("opens" + i + "@circuit.io").then().statusCode(202).extract().path("id"));
        }
        assertThat(circuit()).isEqualTo("open");

        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            Response r = intake("queued" + i + "@circuit.io");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            r.then().statusCode(202).body("status", org.hamcrest.Matchers.equalTo("queued"));
            ids.add(r.then().extract().path("id"));
        }

        ZOHO.clearFaults();
        await().atMost(Duration.ofSeconds(20)).until(() -> "closed".equals(circuit()));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                .allMatch(id -> "done".equals(given().get("/api/intakes/" + id).then().extract().path("status"))));
        assertThat(ZOHO.records("Leads").values().stream().filter(r -> r.path("Email").asText().endsWith("@circuit.io")).count())
                .isEqualTo(ids.size());
    }
}
