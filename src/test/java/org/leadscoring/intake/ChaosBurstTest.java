package org.leadscoring.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A burst of intakes (three per person: a form, then two activities, some of which qualify them for conversion) through
 * mixed faults armed at random all along: answers lost after Zoho committed (creates and conversions), gateway pages
 * on lookups, 5xx with the access token echoed, 429 with {@code Retry-After}, the accounts server's {@code Access
 * Denied} after tokens expire, conversions Zoho schedules and finishes late, and a look-alike Lead Zoho's search
 * answers for some people. It ends with every acknowledged intake done, each person in Zoho exactly once and in their
 * own record, the look-alikes untouched, and no answer holding a secret.
 * <p>
 * The faults run for {@code -Dchaos.seconds} (15 by default, in the suite; {@code bench/run chaos} runs 600). This class runs on H2
 * with 50 people (150 intakes) in the suite; {@link ChaosBurstPostgresTest} runs the same on PostgreSQL, the production
 * database, with 100 (300 intakes); {@code -Dchaos.people} sets both ({@code bench/run chaos}: 100).
 */
@QuarkusTest
@TestProfile(FakeZohoProfile.class)
class ChaosBurstTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = FakeZohoProfile.ZOHO;
    static final String GATEWAY_PAGE = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    /** People in the burst, when {@code -Dchaos.people} does not say: on H2, half the PostgreSQL run's. */
    protected int people() {
        return 50;
    }

    record Sent(String email, String intakeId, int status) {

        /** What a person sends, in this order: a form, a demo request, a visit to the pricing page. */
        enum Kind {
            FORM, DEMO_REQUEST, PRICING_PAGE_VISIT
        }
    }

    @Test
    void givenABurstOfIntakesThroughMixedFaults_thenEachAcknowledgedIntakeIsInZohoOnce_inTheRightRecord() throws Exception {
        int size = Integer.getInteger("chaos.people", people());
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Duration length = Duration.ofSeconds(Long.getLong("chaos.seconds", 15));
        Random random = new Random(seed);
        String run = Long.toHexString(seed & 0xffffffL);
        List<String> people = new ArrayList<>();
        Map<String, String> decoys = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            // Every tenth person has a dotless ı; Zoho holds a Lead for the dotted spelling, which its search answers.
            String email = (i % 10 == 0 ? "d\u0131ana" : "p") + i + "." + run + "@northwind.io";
            people.add(email);
            if (i % 10 == 0) {
                decoys.put(email, ZOHO.seed("Leads", Map.of("Email", "diana" + i + "." + run + "@northwind.io", "Last_Name", "Decoy", "Lead_Score", 7)));
            }
        }
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        ZOHO.strictDuplicates(true);
        ZOHO.scheduleConversions(Duration.ofSeconds(3));
        AtomicBoolean chaos = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<Map<String, Integer>> armed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread faults = new Thread(() -> armed.set(armFaultsUntilStopped(new Random(seed + 1), chaos)));
        faults.start();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        long began = System.nanoTime();
        try {
            long pause = length.toMillis() / (3L * size);
            List<Future<?>> running = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                order.add(i);
            }
            // Round by round (a form, then two activities), so each person's intakes go in order; people interleaved.
            for (int round = 0; round < 3; round++) {
                Collections.shuffle(order, random);
                for (int i : order) {
                    String email = people.get(i);
                    Sent.Kind kind = Sent.Kind.values()[round];
                    boolean qualifies = i % 3 == 0;
                    running.add(senders.submit(() -> sent.add(send(email, kind, qualifies))));
                    Thread.sleep(pause / 2 + random.nextInt((int) Math.max(1, pause)));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
        } finally {
            chaos.set(false);
            faults.join();
            senders.shutdown();
            ZOHO.clearFaults();
            System.out.printf("CHAOS %d intakes answered in %d s%n", 3 * size, (System.nanoTime() - began) / 1_000_000_000L);
        }
        long sentAt = System.nanoTime();
        try {
            List<Sent> acknowledged = sent.stream().filter(s -> s.status() == 200 || s.status() == 202).toList();
            assertThat(sent).as("seed " + seed + ": every intake was acknowledged").hasSize(3 * size).allSatisfy(s -> assertThat(s.status()).isIn(200, 202));
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(acknowledged)
                    .allSatisfy(s -> assertThat(intake(s.intakeId()).<String>path("status")).as("seed " + seed + ": " + s).isEqualTo("done")));
            for (String email : people) {
                List<ObjectNode> leads = records("Leads", email);
                List<ObjectNode> contacts = records("Contacts", email);
                List<ObjectNode> open = new ArrayList<>(contacts);
                leads.stream().filter(l -> !l.path("$converted").asBoolean(false)).forEach(open::add);
                assertThat(leads.size()).as("seed " + seed + ": Leads of " + email).isLessThanOrEqualTo(1);
                assertThat(contacts.size()).as("seed " + seed + ": Contacts of " + email).isLessThanOrEqualTo(1);
                assertThat(open).as("seed " + seed + ": " + email + " is in Zoho once").hasSize(1);
            }
            for (Sent s : acknowledged) {
                Response intake = intake(s.intakeId());
                String zohoId = intake.path("zoho_id");
                ObjectNode record = ZOHO.records(intake.path("zoho_module")).get(zohoId);
                assertThat(record).as("seed " + seed + ": the record of " + s).isNotNull();
                assertThat(record.path("Email").asText()).as("seed " + seed + ": the record of " + s).isEqualTo(s.email());
                assertThat(intake.asString()).doesNotContain("1000.access-", FakeZoho.CLIENT_SECRET, FakeZoho.REFRESH_TOKEN);
            }
            System.out.printf("CHAOS all done %d s after the last intake was answered%n", (System.nanoTime() - sentAt) / 1_000_000_000L);
            String health = given().get("/q/health").then().extract().jsonPath().getString("checks.find { it.name == 'zoho' }.data");
            System.out.printf("CHAOS seed %d, %d s: faults armed %s; Zoho requests %d; the client counted %s%n", seed, length.toSeconds(), armed.get(),
                    ZOHO.requests().size(), health);
            for (String decoy : decoys.values()) {
                ObjectNode lead = ZOHO.records("Leads").get(decoy);
                assertThat(lead.path("Lead_Score").asInt()).as("seed " + seed + ": a look-alike's Lead").isEqualTo(7);
                assertThat(lead.has("Score_Explanation")).isFalse();
            }
        } finally {
            ZOHO.strictDuplicates(false);
            ZOHO.scheduleConversions(false);
        }
    }

    static Response intake(String id) {
        return given().get("/api/intakes/" + id).then().statusCode(200).extract().response();
    }

    static Sent send(String email, Sent.Kind kind, boolean qualifies) {
        Response r = kind == Sent.Kind.FORM
                ? given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"last_name\":\"P\",\"activity\":\"web_form\"" + (qualifies
                        ? ",\"title\":\"VP Sales\",\"company\":\"Northwind\",\"employees\":350,\"industry\":\"SaaS\",\"country\":\"US\"" : "") + "}")
                        .post("/api/zapier/prospects")
                : given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"type\":\"" + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + "\"}").post("/api/zapier/activities");
        assertThat(r.asString()).doesNotContain("1000.access-", FakeZoho.CLIENT_SECRET, FakeZoho.REFRESH_TOKEN);
        return new Sent(email, r.path("id"), r.statusCode());
    }

    static List<ObjectNode> records(String module, String email) {
        return ZOHO.records(module).values().stream().filter(r -> email.equals(r.path("Email").asText())).toList();
    }

    /**
     * Every 300-700 ms arms one fault kind at random, in place of what was armed before, for the next few matching
     * requests; the accounts server fails only when tokens have just expired (a few times a run: Zoho mints 10 access
     * tokens per 10 minutes, no more), so that faults of the accounts server do not pile up waiting for a token request.
     * Answers what was armed, by kind.
     */
    static Map<String, Integer> armFaultsUntilStopped(Random random, AtomicBoolean chaos) {
        Predicate<FakeZoho.Request> create = r -> r.method().equals("POST") && r.path().matches("/crm/v8/(Leads|Contacts)");
        Predicate<FakeZoho.Request> convert = r -> r.path().endsWith("/actions/convert");
        Predicate<FakeZoho.Request> coql = r -> r.path().equals("/crm/v8/coql");
        Predicate<FakeZoho.Request> api = r -> r.path().startsWith("/crm/");
        Predicate<FakeZoho.Request> token = r -> r.path().equals("/oauth/v2/token");
        Map<String, Integer> armed = new java.util.TreeMap<>();
        int expired = 0;
        while (chaos.get()) {
            int times = 1 + random.nextInt(3);
            int kind = random.nextInt(expired < 4 ? 8 : 6);
            ZOHO.clearFaults();
            switch (kind) {
                case 0 -> ZOHO.loseAnswerNext(times, create, 504, GATEWAY_PAGE);
                case 1 -> ZOHO.loseAnswerNext(times, convert, 502, GATEWAY_PAGE);
                case 2 -> ZOHO.failNext(times, coql, 200, GATEWAY_PAGE);
                case 3 -> ZOHO.failNext(times, api, 500, Map.of(), r -> "{\"code\":\"INTERNAL_ERROR\",\"status\":\"error\",\"message\":\"upstream said "
                        + r.headers().get("authorization") + "\",\"details\":{\"header\":\"" + r.headers().get("authorization") + "\"}}");
                case 4 -> ZOHO.failNext(1, api, 429, Map.of("Retry-After", String.valueOf(1 + random.nextInt(2))),
                        r -> "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Rate limit exceeded\",\"status\":\"error\",\"details\":{}}");
                case 5 -> ZOHO.loseAnswerNext(times, api, 502, "{\"truncated\":");
                case 6 -> {
                    ZOHO.failNext(times, token, 400, "{\"error\":\"Access Denied\",\"error_description\":\"You have made too many requests continuously.\"}");
                    ZOHO.expireTokens();
                    expired++;
                }
                default -> {
                    ZOHO.failNext(1, token, 200, Map.of(), r -> "{\"error\":\"invalid request: " + r.body() + "\"}");
                    ZOHO.expireTokens();
                    expired++;
                }
            }
            armed.merge(List.of("lost create", "lost conversion", "gateway page on a lookup", "5xx echoing the token", "429 Retry-After",
                    "lost answer (any call)", "Access Denied", "accounts error echoing the secret").get(kind), 1, Integer::sum);
            try {
                Thread.sleep(300 + random.nextInt(400));
            } catch (InterruptedException e) {
                return armed;
            }
        }
        return armed;
    }
}
