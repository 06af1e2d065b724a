package org.leadscoring.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.intake.hooks.HookService;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** REST-hook triggers: subscribe, receive qualified and converted leads, unsubscribe, and 410 ending a subscription. */
@QuarkusTest
@TestProfile(FakeZohoProfile.class)
class ZapierHooksTest {

    static {
        TestApi.useKey();
    }

    @Inject
    HookService hooks;

    static String qualifyingLead(String email) {
        return "{\"email\":\"" + email + "\",\"last_name\":\"Hook\",\"title\":\"VP Sales\",\"company\":\"Northwind\",\"employees\":350,"
                + "\"industry\":\"SaaS\",\"country\":\"US\",\"activity\":\"demo_request\"}";
    }

    @Test
    void givenSubscription_whenLeadQualifies_thenEventPostedToTarget_andUnsubscribeStopsIt() throws Exception {
        try (HookTarget target = new HookTarget()) {
            String id = given().contentType(ContentType.JSON).body(Map.of("event", "lead.qualified", "target_url", target.url()))
                    .post("/api/zapier/hooks").then().statusCode(201).body("id", startsWith("hook_")).extract().path("id");
            String email = "hook." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";

            given().contentType(ContentType.JSON).body(qualifyingLead(email)).post("/api/zapier/leads").then().statusCode(200)
                    .body("qualified", equalTo(true));

            await().atMost(Duration.ofSeconds(20)).until(() -> target.received.stream().anyMatch(b -> b.contains(email)));
            assertThat(target.received).anySatisfy(b -> assertThat(b).contains("\"decision\":\"create_contact\""));
            given().get("/api/zapier/qualified").then().statusCode(200).body("email", hasItem(email));

            given().delete("/api/zapier/hooks/" + id).then().statusCode(204);
            given().delete("/api/zapier/hooks/" + id).then().statusCode(404);
        }
    }

    @Test
    void givenTargetAnswers410_thenSubscriptionDropped() throws Exception {
        try (HookTarget target = new HookTarget()) {
            target.status = 410;
            String id = given().contentType(ContentType.JSON).body(Map.of("event", "lead.qualified", "targetUrl", target.url()))
                    .post("/api/zapier/hooks").then().statusCode(201).extract().path("id");
            String email = "gone." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";

            given().contentType(ContentType.JSON).body(qualifyingLead(email)).post("/api/zapier/leads").then().statusCode(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> hooks.subscription(id).isEmpty());
            assertThat(target.received).isNotEmpty();
        }
    }

    @Test
    void givenBadSubscription_thenFieldsNamed() {
        given().contentType(ContentType.JSON).body(Map.of("event", "lead.exploded", "target_url", "ftp://x"))
                .post("/api/zapier/hooks").then().statusCode(400)
                .body("fields.field", hasItem("event")).body("fields.field", hasItem("target_url"));
    }
}
