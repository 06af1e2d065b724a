package org.leadscoring.rescoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.scoring.Fixtures;
import org.leadscoring.store.Database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Re-scoring runs against thousands of open Leads in the fake Zoho. */
@QuarkusTest
@TestProfile(RescoringProfile.class)
class RescoringTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = RescoringProfile.ZOHO;
    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    @Inject
    Database db;

    @Inject
    RescoringRuns rescoring;

    String run;

    @BeforeEach
    void reset() {
        RescoringProfile.newOrganisation(db);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Seeds {@code n} open Leads; every {@code withActivityEvery}-th has a webinar 5 days before T stored here. */
    List<String> seed(int n, int withActivityEvery, String country) throws Exception {
        List<String> emails = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String email = "l" + i + "." + run + "@acme-" + run + ".com";
            Map<String, Object> fields = new HashMap<>(Map.of("Email", email, "Last_Name", "L" + i, "Designation", "Marketing Manager",
                    "Company", "Acme", "No_of_Employees", 120, "Country", country));
            ZOHO.seed("Leads", fields);
            if (withActivityEvery > 0 && i % withActivityEvery == 0) {
                activity(email, "webinar_attended", T.minus(Duration.ofDays(5)));
            }
            emails.add(email);
        }
        return emails;
    }

    void activity(String email, String type, Instant at) {
        StoredActivities.store(db, email, type, at);
    }

    static int leadsWritten() {
        return ZOHO.requests("PUT", "/crm/v8/Leads").stream().mapToInt(r -> r.json().path("data").size()).sum();
    }

    @Test
    void givenThousandsOfLeads_thenPagedPast2000_onlyChangesWritten_andARerunWritesNothing() throws Exception {
        seed(2300, 3, "US");

        JsonPath first = RunsApi.runAndWait("{\"now\":\"" + T + "\"}");

        assertThat(first.getString("run.state")).isEqualTo("completed");
        assertThat(first.getInt("run.scanned")).isEqualTo(2300);
        assertThat(first.getInt("run.changed")).isEqualTo(2300);
        assertThat(first.getInt("run.pages_done")).isEqualTo(12);
        assertThat(ZOHO.requests("GET", "/crm/v8/Leads").stream().filter(r -> r.query().containsKey("page_token"))).hasSize(2);
        assertThat(ZOHO.requests("PUT", "/crm/v8/Leads")).hasSize(23)
                .allSatisfy(r -> assertThat(r.json().path("trigger").isEmpty()).isTrue());
        assertThat(first.getInt("run.total")).isEqualTo(2300);
        // One count, 12 reads of 200, 23 writes of 100 at 1 credit per 10 records.
        assertThat(first.getLong("run.calls")).isEqualTo(1 + 12 + 23);
        assertThat(first.getLong("run.credits")).isEqualTo(1 + 12 + 23 * 10);
        assertThat(ZOHO.records("Leads").values()).allSatisfy(r -> assertThat(r.has("Lead_Score")).isTrue());

        ZOHO.clearRequests();
        JsonPath second = RunsApi.runAndWait("{\"now\":\"" + T + "\"}");

        assertThat(second.getInt("run.unchanged")).isEqualTo(2300);
        assertThat(second.getInt("run.changed")).isZero();
        assertThat(ZOHO.requests("PUT", "/crm/v8/Leads")).isEmpty();
        // The total for progress is the open Leads the first run stored: no count call, only the 12 reads.
        assertThat(second.getInt("run.total")).isEqualTo(2300);
        assertThat(ZOHO.requests("GET", "/crm/v8/Leads/actions/count")).isEmpty();
        assertThat(second.getLong("run.calls")).isEqualTo(12);
    }

    @Test
    void givenTimePasses_thenDecayLowersExactlyTheLeadsWithActivities() throws Exception {
        List<String> emails = seed(300, 3, "US");
        RunsApi.runAndWait("{\"now\":\"" + T + "\"}");
        Map<String, Integer> before = scoresByEmail();
        ZOHO.clearRequests();

        JsonPath later = RunsApi.runAndWait("{\"now\":\"" + T.plus(Duration.ofDays(60)) + "\"}");

        assertThat(later.getInt("run.changed")).isEqualTo(100);
        Map<String, Integer> after = scoresByEmail();
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i);
            if (i % 3 == 0) {
                assertThat(after.get(email)).as(email).isLessThan(before.get(email));
            } else {
                assertThat(after.get(email)).as(email).isEqualTo(before.get(email));
            }
        }
        assertThat(leadsWritten()).isEqualTo(100);
    }

    @Test
    void givenRuleChange_thenExactlyTheAffectedLeadsAreWritten() throws Exception {
        seed(100, 0, "BR");
        seed(50, 0, "US");
        RunsApi.runAndWait("{\"now\":\"" + T + "\"}");
        ZOHO.clearRequests();
        String version = given().get("/api/rules/status").then().extract().path("version");

        Fixtures.edit(RescoringProfile.RULES.resolve("rules/b2b/fit.drl"), "@fit(3) @reason(\"In a market we sell to", "@fit(4) @reason(\"In a market we sell to");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !version.equals(given().get("/api/rules/status").then().extract().path("version")));
            // rescoring.on-rules-change starts a run by itself.
            await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/rescoring/runs").then().extract().jsonPath()
                    .getList("findAll { it.trigger == 'rules_change' && it.state == 'completed' }").size() > 0);
            String id = given().get("/api/rescoring/runs").then().extract().jsonPath().getString("find { it.trigger == 'rules_change' }.id");
            JsonPath r = given().get("/api/rescoring/runs/" + id).then().extract().jsonPath();

            assertThat(r.getInt("run.changed")).isEqualTo(100);
            assertThat(ZOHO.requests("PUT", "/crm/v8/Leads").stream().flatMap(q -> java.util.stream.StreamSupport.stream(q.json().path("data").spliterator(), false))
                    .map(d -> d.path("Score_Explanation").asText())).allSatisfy(expl -> assertThat(expl).contains("Secondary market +4"));
        } finally {
            Fixtures.edit(RescoringProfile.RULES.resolve("rules/b2b/fit.drl"), "@fit(4) @reason(\"In a market we sell to", "@fit(3) @reason(\"In a market we sell to");
            // The rules going back start a run too: let it finish before the next test counts Zoho calls.
            await().atMost(Duration.ofSeconds(20)).until(() -> version.equals(given().get("/api/rules/status").then().extract().path("version")));
            await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/rescoring/runs").then().extract().jsonPath()
                    .getList("findAll { it.trigger == 'rules_change' }").size() >= 2
                    && given().get("/api/rescoring/runs").then().extract().jsonPath().getList("findAll { it.state == 'running' }").isEmpty());
        }
    }

    @Test
    void givenLeadThatNowQualifies_thenConvertedOnce_andDryRunOnlyReports() throws Exception {
        seed(20, 0, "US");
        String email = "vp." + run + "@acme-" + run + ".com";
        String leadId = ZOHO.seed("Leads", Map.of("Email", email, "Last_Name", "Vee", "Designation", "VP Sales", "Company", "Acme",
                "No_of_Employees", 400, "Industry", "SaaS", "Country", "US"));
        activity(email, "demo_request", T.minus(Duration.ofDays(1)));

        JsonPath dry = RunsApi.runAndWait("{\"dry_run\":true,\"now\":\"" + T + "\"}");

        assertThat(dry.getInt("run.converted")).isEqualTo(1);
        assertThat(dry.getInt("run.changed")).isEqualTo(20);
        assertThat(dry.getList("would.outcome", String.class)).contains("would_convert", "would_change");
        assertThat(ZOHO.requests("PUT", "/crm/v8/Leads")).isEmpty();
        assertThat(ZOHO.requests("POST", "/crm/v8/Leads/" + leadId + "/actions/convert")).isEmpty();

        JsonPath real = RunsApi.runAndWait("{\"now\":\"" + T + "\"}");
        JsonPath again = RunsApi.runAndWait("{\"now\":\"" + T + "\"}");

        assertThat(real.getInt("run.converted")).isEqualTo(1);
        assertThat(real.getList("converted.lead_id", String.class)).containsExactly(leadId);
        assertThat(again.getInt("run.converted")).isZero();
        assertThat(ZOHO.requests("POST", "/crm/v8/Leads/" + leadId + "/actions/convert")).hasSize(1);
        assertThat(ZOHO.records("Leads").get(leadId).path("$converted").asBoolean()).isTrue();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM prospect WHERE email = ?")) {
            ps.setString(1, email);
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("a Lead made elsewhere is not stored by re-scoring").isZero();
        }
        assertThat(given().get("/api/zapier/qualified?event=lead.converted").then().extract().jsonPath().getList("email", String.class)).contains(email);
        for (String event : List.of("lead.qualified", "lead.converted")) {
            List<Map<String, Object>> events = given().get("/api/zapier/qualified?event=" + event).then().extract().jsonPath().getList("$");
            assertThat(events.stream().filter(e -> email.equals(e.get("email")))).as(event).singleElement()
                    .satisfies(e -> org.leadscoring.HookPayloadShape.assertShape(e, "rescoring"))
                    .satisfies(e -> assertThat(e.get("lead_id")).isEqualTo(leadId))
                    .satisfies(e -> assertThat(e.get("decision")).isEqualTo("convert_lead"));
        }
    }

    @Test
    void givenCreditBudget_thenStopsCleanly_andNextRunContinuesWithoutWritingAnyLeadTwice() throws Exception {
        seed(1000, 0, "US");

        JsonPath stopped = RunsApi.runAndWait("{\"max_credits\":25,\"now\":\"" + T + "\"}");
        JsonPath next = RunsApi.runAndWait("{\"now\":\"" + T + "\"}");

        assertThat(stopped.getString("run.state")).isEqualTo("stopped_budget");
        assertThat(stopped.getLong("run.credits")).isLessThanOrEqualTo(25);
        assertThat(stopped.getString("run.message")).contains("budget");
        assertThat(next.getString("run.state")).isEqualTo("completed");
        assertThat(next.getString("run.chain_id")).isEqualTo(stopped.getString("run.chain_id"));
        assertThat(stopped.getInt("run.changed") + next.getInt("run.changed")).isEqualTo(1000);
        assertThat(leadsWritten()).isEqualTo(1000);
        assertThat(writtenIds()).hasSize(1000);
    }

    @Test
    void givenZohoFaultsDuringARun_thenRetried_orResumedByTheNextRun() throws Exception {
        seed(600, 0, "US");
        ZOHO.failNext(2, r -> r.method().equals("PUT"), 429, "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"slow down\",\"status\":\"error\",\"details\":{}}");

        JsonPath retried = RunsApi.runAndWait("{\"now\":\"" + T + "\"}");

        assertThat(retried.getString("run.state")).isEqualTo("completed");
        assertThat(retried.getInt("run.changed")).isEqualTo(600);

        seed(600, 0, "CA");
        ZOHO.clearRequests();
        ZOHO.failNext(50, r -> r.method().equals("GET") && "2".equals(r.query().get("page")), 500,
                "{\"code\":\"INTERNAL_ERROR\",\"message\":\"boom\",\"status\":\"error\",\"details\":{}}");
        JsonPath interrupted = RunsApi.runAndWait("{\"now\":\"" + T.plusSeconds(1) + "\"}");
        ZOHO.clearFaults();
        // The process "dies" with the run still marked running: a restart takes it up again from its checkpoint.
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE rescoring_run SET state = 'running', finished_at = NULL WHERE id = ?")) {
            ps.setString(1, interrupted.getString("run.id"));
            ps.executeUpdate();
        }
        rescoring.resumeInterruptedRuns();
        String id = interrupted.getString("run.id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(given().get("/api/rescoring/runs/" + id).then().extract().path("run.state")));

        assertThat(interrupted.getString("run.state")).isEqualTo("interrupted");
        assertThat(interrupted.getInt("run.pages_done")).isEqualTo(1);
        assertThat(writtenIds()).doesNotHaveDuplicates();
        assertThat(given().get("/api/rescoring/runs/" + id).then().extract().jsonPath().getInt("run.changed")).isEqualTo(600);
    }

    @Test
    void givenResumeWithAnExpiredPageToken_thenReadsFromTheStartAndSkipsWhatWasDone() throws Exception {
        seed(2400, 0, "US");
        JsonPath stopped = RunsApi.runAndWait("{\"max_credits\":220,\"now\":\"" + T + "\"}");
        assertThat(stopped.getString("run.state")).isEqualTo("stopped_budget");
        assertThat(stopped.getString("run.cursor_token")).startsWith("pt-");
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE rescoring_run SET cursor_token = 'expired-token' WHERE id = ?")) {
            ps.setString(1, stopped.getString("run.id"));
            ps.executeUpdate();
        }

        JsonPath next = RunsApi.runAndWait("{\"now\":\"" + T + "\"}");

        assertThat(next.getString("run.state")).isEqualTo("completed");
        assertThat(stopped.getInt("run.changed") + next.getInt("run.changed")).isEqualTo(2400);
        assertThat(writtenIds()).hasSize(2400).doesNotHaveDuplicates();
    }

    @Test
    void givenZohoRefusesOneLead_thenReportedAndSkipped_andTheRunCompletes() throws Exception {
        seed(150, 0, "US");
        String refused = ZOHO.records("Leads").keySet().iterator().next();
        ZOHO.rejectUpdates(refused, "Lead_Score");

        JsonPath r = RunsApi.runAndWait("{\"now\":\"" + T + "\"}");

        assertThat(r.getString("run.state")).isEqualTo("completed");
        assertThat(r.getInt("run.failed")).isEqualTo(1);
        assertThat(r.getInt("run.changed")).isEqualTo(149);
        assertThat(r.getList("failed.lead_id", String.class)).containsExactly(refused);
        assertThat(r.getList("failed.error", String.class)).singleElement().asString().contains("INVALID_DATA").contains("Lead_Score");
    }

    @Test
    void givenManyLeadsThatNowQualify_thenConversionsGoOutSideBySide_eachOnce() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String email = "vp" + i + "." + run + "@acme-" + run + ".com";
            ids.add(ZOHO.seed("Leads", Map.of("Email", email, "Last_Name", "Vee", "Designation", "VP Sales", "Company", "Acme",
                    "No_of_Employees", 400, "Industry", "SaaS", "Country", "US")));
            activity(email, "demo_request", T.minus(Duration.ofDays(1)));
        }
        ZOHO.latency(Duration.ofMillis(150));
        JsonPath r;
        try {
            r = RunsApi.runAndWait("{\"now\":\"" + T + "\"}");
        } finally {
            ZOHO.latency(Duration.ZERO);
        }

        assertThat(r.getInt("run.converted")).isEqualTo(8);
        assertThat(r.getList("converted.lead_id", String.class)).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(ZOHO.requests("POST", "/crm/v8/Leads/" + id + "/actions/convert")).as(id).hasSize(1);
        }
        // One call each, independent: they go out as many at once as Zoho takes (5 here), not one after the other.
        assertThat(ZOHO.maxConversionsInFlight()).isBetween(2, 5);
    }

    @Test
    void givenRunInProgress_thenSecondStartIsRefused() throws Exception {
        seed(400, 0, "US");
        ZOHO.latency(Duration.ofMillis(200));
        try {
            String id = given().contentType(ContentType.JSON).body("{}").post("/api/rescoring/runs").then().statusCode(202).extract().path("id");
            given().contentType(ContentType.JSON).body("{}").post("/api/rescoring/runs").then().statusCode(409);
            await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(given().get("/api/rescoring/runs/" + id).then().extract().path("run.state")));
        } finally {
            ZOHO.latency(Duration.ZERO);
        }
        given().get("/api/rescoring/runs").then().statusCode(200);
    }

    private Map<String, Integer> scoresByEmail() {
        Map<String, Integer> out = new HashMap<>();
        for (ObjectNode r : ZOHO.records("Leads").values()) {
            out.put(r.path("Email").asText(), r.path("Lead_Score").asInt());
        }
        return out;
    }

    private List<String> writtenIds() {
        List<String> ids = new java.util.ArrayList<>();
        for (var r : ZOHO.requests("PUT", "/crm/v8/Leads")) {
            for (JsonNode d : r.json().path("data")) {
                ids.add(d.path("id").asText());
            }
        }
        return ids;
    }

    static Set<String> set(List<String> l) {
        return new HashSet<>(l);
    }
}
