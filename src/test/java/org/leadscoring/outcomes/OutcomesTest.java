package org.leadscoring.outcomes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.rescoring.RescoringProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Outcomes read back from Zoho and the calibration report, against a fixture whose truth is known: prospects taken in
 * through the intake, then in Zoho some Leads marked junk or not qualified, some converted by sales, and deals won
 * (one in a stage of the organisation's own), lost or open on their Contacts. The report must reproduce the
 * fixture's counts and rates exactly.
 */
@QuarkusTest
@TestProfile(RescoringProfile.class)
class OutcomesTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = RescoringProfile.ZOHO;
    static final String[] TITLES = { "VP Marketing", "Marketing Manager", "Intern", "Head of Growth", "Software Engineer", "CEO" };
    static final int[] EMPLOYEES = { 5, 40, 250, 1200, 90 };
    static final String[] ACTIVITIES = { "newsletter_signup", "web_form", "whitepaper_download", "webinar_attended", "demo_request", "purchase",
            "pricing_page_visit" };

    /** What the fixture made of one prospect: as scored at intake, and what sales did. */
    record Truth(String email, int total, String grade, boolean qualified, boolean converted, String stage, BigDecimal amount) {

        boolean won() {
            return "Closed Won".equals(stage) || "Signed".equals(stage);
        }

        boolean lost() {
            return "Closed Lost".equals(stage);
        }

        boolean open() {
            return "Negotiation/Review".equals(stage);
        }
    }

    @jakarta.inject.Inject
    org.leadscoring.store.Database db;

    String run;

    @BeforeEach
    void reset() {
        ZOHO.reset();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Prospects in the fixture of known outcomes: enough for every grade, rule and stage of the shipped model to have
     * outcomes (H2); the PostgreSQL run checks the same SQL paths on fewer.
     */
    protected int fixtureSize() {
        return 600;
    }

    @Test
    void givenAFixtureOfKnownOutcomes_thenTheSyncFindsThemAll_theReportReproducesThem_andASecondSyncCostsOneCallPerModule() {
        int n = fixtureSize();
        java.time.Instant start = java.time.Instant.now();
        // The fixture goes in without the fake's OpenAPI check of each request (tens of milliseconds each); the sync's are checked.
        ZOHO.validating(false);
        Map<Integer, JsonPath> answers;
        try {
            answers = intake(n);
        } finally {
            ZOHO.validating(true);
        }
        // An organisation's own won stage: won by its forecast type, whatever its name.
        Map<String, String> stages = new LinkedHashMap<>();
        stages.put("Negotiation/Review", "Open");
        stages.put("Signed", "Closed Won");
        stages.put("Closed Won", "Closed Won");
        stages.put("Closed Lost", "Closed Lost");
        ZOHO.dealStages(stages);

        List<Truth> truth = new ArrayList<>();
        String someSalesConversion = null;
        for (int i = 0; i < n; i++) {
            JsonPath a = answers.get(i);
            String contactId = null;
            boolean converted = false;
            if ("Leads".equals(a.getString("zoho_module"))) {
                String leadId = a.getString("zoho_id");
                if (i % 7 == 0) {
                    ZOHO.edit("Leads", leadId, Map.of("Lead_Status", "Junk Lead"));
                } else if (i % 7 == 1) {
                    ZOHO.edit("Leads", leadId, Map.of("Lead_Status", "Not Qualified"));
                } else if (i % 3 == 0) {
                    contactId = ZOHO.convertAsSales(leadId, "Sam Sales");
                    converted = true;
                    someSalesConversion = a.getString("email");
                }
            } else {
                contactId = a.getString("zoho_id");
            }
            String stage = null;
            BigDecimal amount = null;
            if (contactId != null && i % 4 != 3) {
                stage = i % 4 == 0 ? (i % 8 == 0 ? "Signed" : "Closed Won") : i % 4 == 1 ? "Closed Lost" : "Negotiation/Review";
                amount = new BigDecimal(1000 + i).setScale(2);
                ZOHO.seed("Deals", Map.of("Deal_Name", "Deal " + i, "Stage", stage, "Amount", 1000 + i, "Closing_Date", "2026-12-15",
                        "Contact_Name", Map.of("id", contactId, "name", "C" + i)));
            }
            truth.add(new Truth(a.getString("email"), a.getInt("score"), a.getString("grade"), a.getBoolean("qualified"), converted, stage,
                    "won".equals(stage) ? amount : amount));
        }
        // Someone the service never took in, with a deal: not among the outcomes.
        String stranger = ZOHO.seed("Contacts", Map.of("Email", "stranger." + run + "@elsewhere.example", "Last_Name", "Stranger"));
        ZOHO.seed("Deals", Map.of("Deal_Name", "Elsewhere", "Stage", "Closed Won", "Amount", 99999, "Contact_Name", Map.of("id", stranger, "name", "S")));

        JsonPath first = syncAndWait("{}");
        assertThat(first.getString("state")).isEqualTo("completed");

        // Only this fixture's prospects: those scored from its start on.
        String since = "?from=" + start;
        JsonPath report = given().get("/api/reports/calibration" + since).then().statusCode(200).extract().jsonPath();
        JsonPath overall = new JsonPath(report.prettify()).setRootPath("calibration.overall");
        assertThat(report.getInt("calibration.prospects")).isEqualTo(n);
        assertThat(overall.getInt("converted")).isEqualTo((int) truth.stream().filter(Truth::converted).count());
        assertThat(overall.getInt("with_deal")).isEqualTo((int) truth.stream().filter(t -> t.stage() != null).count());
        assertThat(overall.getInt("won")).isEqualTo((int) truth.stream().filter(Truth::won).count());
        assertThat(overall.getInt("lost")).isEqualTo((int) truth.stream().filter(Truth::lost).count());
        assertThat(overall.getInt("open")).isEqualTo((int) truth.stream().filter(Truth::open).count());
        assertThat(new BigDecimal(overall.getString("revenue"))).isEqualByComparingTo(
                truth.stream().filter(Truth::won).map(Truth::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        int won = (int) truth.stream().filter(Truth::won).count();
        assertThat(overall.getDouble("win_rate.value")).isCloseTo(won / (double) n, org.assertj.core.data.Offset.offset(0.00005));
        double[] wilson = wilson(won, n);
        assertThat(overall.getDouble("win_rate.low")).isCloseTo(wilson[0], org.assertj.core.data.Offset.offset(0.0001));
        assertThat(overall.getDouble("win_rate.high")).isCloseTo(wilson[1], org.assertj.core.data.Offset.offset(0.0001));

        // Per grade, every count as the fixture made it; a rate only where ten prospects or more stand behind it.
        Map<String, List<Truth>> byGrade = new HashMap<>();
        truth.forEach(t -> byGrade.computeIfAbsent(t.grade() == null ? "ungraded" : t.grade(), k -> new ArrayList<>()).add(t));
        List<Map<String, Object>> grades = report.getList("calibration.grades");
        assertThat(grades).extracting(g -> g.get("band")).containsExactlyInAnyOrderElementsOf(byGrade.keySet());
        for (Map<String, Object> g : grades) {
            List<Truth> in = byGrade.get((String) g.get("band"));
            assertThat(g.get("prospects")).isEqualTo(in.size());
            assertThat(g.get("won")).isEqualTo((int) in.stream().filter(Truth::won).count());
            assertThat(g.get("converted")).isEqualTo((int) in.stream().filter(Truth::converted).count());
            @SuppressWarnings("unchecked")
            Map<String, Object> rate = (Map<String, Object>) g.get("win_rate");
            if (in.size() >= 10) {
                assertThat(((Number) rate.get("value")).doubleValue()).isCloseTo(in.stream().filter(Truth::won).count() / (double) in.size(),
                        org.assertj.core.data.Offset.offset(0.00005));
            } else {
                assertThat(rate.get("value")).isNull();
                assertThat(g.get("too_few")).isEqualTo(true);
            }
        }
        // The AUC of the score for "won", counted pair by pair.
        long pairs = 0;
        double above = 0;
        for (Truth w : truth) {
            if (w.won()) {
                for (Truth o : truth) {
                    if (!o.won()) {
                        pairs++;
                        above += w.total() > o.total() ? 1 : w.total() == o.total() ? 0.5 : 0;
                    }
                }
            }
        }
        assertThat(report.getDouble("calibration.auc.value")).isCloseTo(above / pairs, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(report.getList("calibration.qualified_per_week.qualified", Integer.class).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo((int) truth.stream().filter(Truth::qualified).count());
        List<Map<String, Object>> weeks = report.getList("calibration.qualified_per_week");
        assertThat(weeks).allSatisfy(w -> assertThat(w).containsEntry("capacity", RescoringProfile.CAPACITY)
                .containsEntry("over_capacity", (Integer) w.get("qualified") > RescoringProfile.CAPACITY));
        assertThat(report.getList("calibration.deciles")).hasSize(10);
        assertThat(report.getList("calibration.rules.fired", Integer.class)).allSatisfy(f -> assertThat(f).isBetween(1, n));

        // The points these outcomes suggest: fitted on the earlier 70%, judged on the later 30%, each rule with its evidence.
        // (With fewer outcomes than a suggestion needs — the PostgreSQL run's smaller fixture — it says so, with the counts.)
        JsonPath suggested = given().get("/api/reports/suggested-points" + since).then().statusCode(200).extract().jsonPath();
        if (n >= SuggestedPoints.MIN_OUTCOMES && won >= SuggestedPoints.MIN_WON) {
            assertThat(suggested.getString("suggestion.refused")).isNull();
            assertThat(suggested.getInt("suggestion.fitted_on.prospects") + suggested.getInt("suggestion.judged_on.prospects")).isEqualTo(n);
            assertThat(suggested.getInt("suggestion.fitted_on.prospects")).isEqualTo((int) Math.round(n * SuggestedPoints.TRAIN_SHARE));
            assertThat(suggested.getList("suggestion.rules.status", String.class)).isNotEmpty().allSatisfy(st -> assertThat(st).isIn("suggested", "too_few"));
            assertThat(suggested.getDouble("suggestion.current.auc")).isBetween(0.0, 1.0);
        } else {
            assertThat(suggested.getString("suggestion.refused")).contains(n + " prospects with a known outcome (" + won + " won)");
        }
        given().get("/api/reports/suggested-points?target=revenue").then().statusCode(400).body("fields[0].field", org.hamcrest.Matchers.equalTo("target"));

        // One prospect's outcome, as sales left it.
        JsonPath one = given().get("/api/prospects/" + someSalesConversion + "/outcome").then().statusCode(200).extract().jsonPath();
        assertThat(one.getString("outcome.converted_by")).isEqualTo("Sam Sales");
        assertThat(one.getString("outcome.contact_id")).isNotNull();
        assertThat(one.getString("outcome.converted_at")).isNotNull();
        given().get("/api/prospects/stranger." + run + "@elsewhere.example/outcome").then().statusCode(404);

        // A day later, nothing new: one call per module, each answered "no rows".
        ZOHO.age(Duration.ofDays(1));
        ZOHO.clearRequests();
        JsonPath second = syncAndWait("{}");
        assertThat(second.getString("state")).isEqualTo("completed");
        assertThat(second.getLong("calls")).isEqualTo(3);
        assertThat(ZOHO.requests("POST", "/crm/v8/coql")).hasSize(3);
        assertThat(given().get("/api/reports/calibration" + since).then().extract().jsonPath().getInt("calibration.overall.won")).isEqualTo(won);
        assertThat(ZOHO.openApiViolations()).isEmpty();
    }

    @Test
    void givenASyncStoppedAtItsBudget_thenTheNextContinuesWhereItStopped() {
        Map<Integer, JsonPath> answers = intake(30);
        for (int i = 0; i < 30; i++) {
            if ("Leads".equals(answers.get(i).getString("zoho_module"))) {
                ZOHO.convertAsSales(answers.get(i).getString("zoho_id"), "Ana");
            }
        }
        // 1 credit: the Leads' read (1 credit at LIMIT 2,000 is 3) is never affordable.
        JsonPath stopped = syncAndWait("{\"max_credits\":1}");
        assertThat(stopped.getString("state")).isEqualTo("stopped_budget");
        assertThat(stopped.getString("module")).isEqualTo("Leads");

        JsonPath resumed = syncAndWait("{}");
        assertThat(resumed.getString("state")).isEqualTo("completed");
        assertThat(resumed.getString("message")).contains("Continues " + stopped.getString("id"));
        assertThat(resumed.getInt("leads")).isGreaterThan(0);
        given().contentType(ContentType.JSON).body("{\"max_credits\":0}").post("/api/outcomes/sync").then().statusCode(400);
    }

    @Test
    void givenADraftThatAddsPointsOnlyWonProspectsMeet_thenTheBackTestShowsTheCalibrationItImplies() {
        // A hundred buyers alike but for their company: a third of them at "Winners Inc", whose deals were all won;
        // the others' deals were lost or are open. Live, they all score the same.
        int n = 100;
        int winners = 0;
        java.time.Instant start = java.time.Instant.now();
        for (int i = 0; i < n; i++) {
            boolean winner = i % 3 == 0;
            winners += winner ? 1 : 0;
            String email = "b" + i + "." + run + (winner ? "@winners-" : "@others-") + run + ".com";
            JsonPath a = prospect("backtest-" + run + "-" + i, "{\"email\":\"" + email + "\",\"last_name\":\"B" + i + "\",\"title\":\"VP Marketing\","
                    + "\"company\":\"" + (winner ? "Winners Inc" : "Others Inc") + "\",\"employees\":250,\"country\":\"US\",\"activity\":\"purchase\"}");
            assertThat(a.getString("zoho_module")).isEqualTo("Contacts");
            String stage = winner ? "Closed Won" : i % 3 == 1 ? "Closed Lost" : "Qualification";
            ZOHO.seed("Deals", Map.of("Deal_Name", "D" + i, "Stage", stage, "Amount", 500, "Contact_Name", Map.of("id", a.getString("zoho_id"), "name", "B")));
        }
        assertThat(syncAndWait("{}").getString("state")).isEqualTo("completed");

        String fit = admin().get("/api/workbench/files/rules/b2b/fit.drl").then().statusCode(200).extract().path("content");
        String draft = admin().body(Map.of("files", Map.of("rules/b2b/fit.drl", fit + "\nrule \"Winners\"\n    @fit(40) @reason(\"Works at Winners Inc\")\n"
                + "when\n    Prospect( company == \"Winners Inc\" )\nthen end\n"))).post("/api/workbench/drafts").then().statusCode(201).extract().path("id");
        JsonPath b = admin().post("/api/workbench/drafts/" + draft + "/impact?from=" + start).then().statusCode(200).extract().jsonPath().setRootPath("back_test");

        assertThat(b.getInt("prospects")).isEqualTo(n);
        // Live: one score for all, so the score tells nothing (AUC 0.5) and there is no A grade.
        assertThat(b.getDouble("live.auc.value")).isEqualTo(0.5);
        assertThat(b.getList("live.grades.band", String.class)).doesNotContain("A");
        // The draft: the winners alone move up 40 points, to A; every A was won, no one else was.
        assertThat(b.getDouble("draft.auc.value")).isEqualTo(1.0);
        Map<String, Object> a = b.getMap("draft.grades.find { it.band == 'A' }");
        assertThat(a.get("prospects")).isEqualTo(winners);
        assertThat(a.get("won")).isEqualTo(winners);
        assertThat(b.getDouble("draft.grades.find { it.band == 'A' }.win_rate.value")).isEqualTo(1.0);
        // The top tenth are all winners: their win rate over the whole's.
        assertThat(b.getDouble("draft.top_decile_lift.value")).isCloseTo(1.0 / (winners / (double) n), org.assertj.core.data.Offset.offset(0.0001));
    }

    @Test
    void givenASyncGoingOn_thenASecondIsRefused_andTheFirstEndsAsUsual() {
        ZOHO.latency(Duration.ofMillis(500));
        try {
            String id = given().contentType(ContentType.JSON).body("{}").post("/api/outcomes/sync").then().statusCode(202).extract().path("id");
            given().contentType(ContentType.JSON).body("{}").post("/api/outcomes/sync").then().statusCode(409)
                    .body("error", org.hamcrest.Matchers.equalTo("sync_in_progress"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !"running".equals(given().get("/api/outcomes/syncs/" + id).then().extract().path("state")));
            assertThat(given().get("/api/outcomes/syncs/" + id).then().extract().<String>path("state")).isEqualTo("completed");
        } finally {
            ZOHO.latency(Duration.ZERO);
        }
    }

    /**
     * The outcome sync is a leased run ({@code jobs/Runs}): while another instance holds the lease a sync is refused;
     * once its lease has expired (the instance died), the next sync ends the one it left running and continues it.
     */
    @Test
    void givenAnotherInstancesSync_thenRefusedWhileItsLeaseHolds_andContinuedOnceItExpires() {
        java.time.Instant now = java.time.Instant.now();
        db.update("INSERT INTO outcome_sync (id, state, trigger_kind, since, module, after_id, message, started_at, chain_started_at, updated_at) "
                + "VALUES ('sync_other', 'running', 'api', NULL, 'Contacts', NULL, NULL, ?, ?, ?)", now, now, now);
        try {
            db.update("UPDATE job_lease SET holder = 'instance-other', expires_at = ? WHERE name = 'outcome-sync'", now.plus(Duration.ofMinutes(2)));
            given().contentType(ContentType.JSON).body("{}").post("/api/outcomes/sync").then().statusCode(409)
                    .body("error", org.hamcrest.Matchers.equalTo("sync_in_progress"));

            db.update("UPDATE job_lease SET expires_at = ? WHERE name = 'outcome-sync'", now.minus(Duration.ofSeconds(1)));
            JsonPath next = syncAndWait("{}");

            assertThat(next.getString("state")).isEqualTo("completed");
            assertThat(next.getString("message")).contains("Continues sync_other from Contacts");
            assertThat(given().get("/api/outcomes/syncs/sync_other").then().statusCode(200).extract().<String>path("state")).isEqualTo("interrupted");
        } finally {
            db.update("UPDATE outcome_sync SET state = 'interrupted' WHERE id = 'sync_other' AND state = 'running'");
            db.update("UPDATE job_lease SET holder = NULL, expires_at = NULL WHERE name = 'outcome-sync' AND holder = 'instance-other'");
        }
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("X-Admin-Key", RescoringProfile.ADMIN).contentType(ContentType.JSON);
    }

    /** The fixture's intakes, four at a time as Zaps send them (one after another took most of this test's minutes). */
    private Map<Integer, JsonPath> intake(int n) {
        Map<Integer, JsonPath> answers = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                String body = "{\"email\":\"p" + k + "." + run + "@acme" + (k % 50) + ".com\",\"last_name\":\"P" + k + "\",\"title\":\""
                        + TITLES[k % TITLES.length] + "\",\"company\":\"Acme " + (k % 50) + "\",\"employees\":" + EMPLOYEES[k % EMPLOYEES.length]
                        + ",\"country\":\"" + (k % 3 == 0 ? "US" : "DE") + "\",\"activity\":\"" + ACTIVITIES[k % ACTIVITIES.length] + "\"}";
                sent.add(senders.submit(() -> answers.put(k, prospect("fixture-" + run + "-" + k, body))));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            senders.shutdownNow();
        }
        return answers;
    }

    /** The answer to an intake once its Zoho work is done: one whose work outlasts the intake's wait is answered 202, its replay once done. */
    private static JsonPath prospect(String idempotencyKey, String body) {
        String[] done = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body).post("/api/zapier/prospects");
            done[0] = response.statusCode() == 200 ? response.asString() : null;
            return done[0] != null;
        });
        return new JsonPath(done[0]);
    }

    private static JsonPath syncAndWait(String body) {
        String id = given().contentType(ContentType.JSON).body(body).post("/api/outcomes/sync").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"running".equals(given().get("/api/outcomes/syncs/" + id).then().extract().path("state")));
        return given().get("/api/outcomes/syncs/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The 95% Wilson interval, written out here from its textbook form. */
    private static double[] wilson(int hits, int n) {
        double z = 1.959964, p = (double) hits / n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] { centre - half, centre + half };
    }
}
