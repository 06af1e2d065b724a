package org.leadscoring.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.intake.hooks.HookRepository;
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

            given().contentType(ContentType.JSON).body(qualifyingLead(email)).post("/api/zapier/prospects").then().statusCode(200)
                    .body("qualified", equalTo(true));

            await().atMost(Duration.ofSeconds(20)).until(() -> target.received.stream().anyMatch(b -> b.contains(email)));
            assertThat(target.received).anySatisfy(b -> assertThat(b).contains("\"decision\":\"create_contact\""));
            // A REST hook receives what polling lists: the one payload shape.
            String delivered = target.received.stream().filter(b -> b.contains(email)).findFirst().orElseThrow();
            org.leadscoring.HookPayloadShape.assertShape(new com.fasterxml.jackson.databind.ObjectMapper().readValue(delivered,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }), "intake");
            given().get("/api/zapier/qualified").then().statusCode(200).body("email", hasItem(email));

            given().delete("/api/zapier/hooks/" + id).then().statusCode(204);
            given().delete("/api/zapier/hooks/" + id).then().statusCode(404);
        }
    }

    @Test
    void givenADeliveryWaitingForItsRetry_whenTheZapUnsubscribes_thenTheWaitingDeliveryIsDropped() throws Exception {
        try (HookTarget target = new HookTarget()) {
            target.status = 500;
            String id = given().contentType(ContentType.JSON).body(Map.of("event", "lead.qualified", "target_url", target.url()))
                    .post("/api/zapier/hooks").then().statusCode(201).extract().path("id");
            String email = "retry." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";
            given().contentType(ContentType.JSON).body(qualifyingLead(email)).post("/api/zapier/prospects").then().statusCode(200);

            // The first attempt failed: the delivery waits in the queue for its retry.
            await().atMost(Duration.ofSeconds(20)).until(() -> target.received.stream().anyMatch(b -> b.contains(email)));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingDeliveries(id) == 1);

            given().delete("/api/zapier/hooks/" + id).then().statusCode(204);

            assertThat(waitingDeliveries(id)).as("deliveries still waiting for the removed subscription").isZero();
        }
    }

    private long waitingDeliveries(String subscription) {
        return db.one("SELECT COUNT(*) AS n FROM work_item WHERE kind = ? AND subject = ? AND done_at IS NULL", row -> row.number("n"),
                org.leadscoring.jobs.WorkItem.Kind.HOOK_DELIVERY, subscription).orElse(0L);
    }

    @Test
    void givenTargetAnswers410_thenSubscriptionDropped() throws Exception {
        try (HookTarget target = new HookTarget()) {
            target.status = 410;
            String id = given().contentType(ContentType.JSON).body(Map.of("event", "lead.qualified", "targetUrl", target.url()))
                    .post("/api/zapier/hooks").then().statusCode(201).extract().path("id");
            String email = "gone." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";

            given().contentType(ContentType.JSON).body(qualifyingLead(email)).post("/api/zapier/prospects").then().statusCode(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> hooks.subscription(id).isEmpty());
            assertThat(target.received).isNotEmpty();
        }
    }

    @Test
    void givenTargetsInsideTheNetworkOrWithCredentials_thenRefusedAtSubscription() {
        for (String url : List.of("http://10.0.0.5/hook", "https://127.0.0.2/hook", "https://[::1]/hook", "https://169.254.169.254/latest/meta-data",
                "https://user:pw@hooks.zapier.com/hook", "https://0.0.0.0/hook", "https://192.168.1.1/hook", "https://[fd00::1]/hook",
                "https://2130706433/hook", "https://localhost/hook", "ftp://hooks.zapier.com/x")) {
            given().contentType(ContentType.JSON).body(Map.of("event", "lead.qualified", "target_url", url))
                    .post("/api/zapier/hooks").then().statusCode(400).body("fields.field", hasItem("target_url"));
        }
    }

    @Inject
    org.leadscoring.store.Database db;

    /** A port that takes connections and never answers; counts them. */
    static final class Silent implements AutoCloseable {
        final java.net.ServerSocket socket;
        final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        final List<java.net.Socket> held = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        Silent() throws java.io.IOException {
            socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                        accepted.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void givenAHostThatNowResolvesInside_whenDelivered_thenRefusedBeforeConnecting() throws Exception {
        try (Silent inside = new Silent()) {
            // As if DNS changed after the subscription was accepted: the stored target now resolves to loopback.
            HookRepository.Subscription s = hooks.subscribe("lead.qualified", "https://localhost:" + inside.port() + "/hook");
            String email = "inside." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";

            given().contentType(ContentType.JSON).body(qualifyingLead(email)).post("/api/zapier/prospects").then().statusCode(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> lastError(s.id()) != null);
            assertThat(lastError(s.id())).contains("internal address");
            assertThat(inside.accepted.get()).isZero();
            hooks.unsubscribe(s.id());
        }
    }

    private String lastError(String subscription) {
        try (var c = db.connection(); var ps = c.prepareStatement("SELECT last_error FROM work_item WHERE kind = 'hook_delivery' AND subject = ?")) {
            ps.setString(1, subscription);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenDeadTargetsAndALiveOne_thenTheLiveOneGetsItsEventWithinSeconds() throws Exception {
        try (Silent dead = new Silent(); HookTarget live = new HookTarget()) {
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(given().contentType(ContentType.JSON).body(Map.of("event", "lead.qualified", "target_url",
                        "http://127.0.0.1:" + dead.port() + "/hook/" + i)).post("/api/zapier/hooks").then().statusCode(201).extract().path("id"));
            }
            ids.add(given().contentType(ContentType.JSON).body(Map.of("event", "lead.qualified", "target_url", live.url()))
                    .post("/api/zapier/hooks").then().statusCode(201).extract().path("id"));
            String email = "live." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";

            given().contentType(ContentType.JSON).body(qualifyingLead(email)).post("/api/zapier/prospects").then().statusCode(200);
            long answered = System.nanoTime();

            // Three dead targets one after another would hold it back three timeouts (2 s each here).
            await().atMost(Duration.ofSeconds(4)).until(() -> live.received.stream().anyMatch(b -> b.contains(email)));
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isLessThan(Duration.ofSeconds(4));
            await().atMost(Duration.ofSeconds(10)).until(() -> dead.accepted.get() >= 3);
            ids.forEach(id -> given().delete("/api/zapier/hooks/" + id));
        }
    }

    @Test
    void givenBadSubscription_thenFieldsNamed() {
        given().contentType(ContentType.JSON).body(Map.of("event", "lead.exploded", "target_url", "ftp://x"))
                .post("/api/zapier/hooks").then().statusCode(400)
                .body("fields.field", hasItem("event")).body("fields.field", hasItem("target_url"));
    }
}
