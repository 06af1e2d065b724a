package org.leadscoring.rescoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.scoring.Fixtures;
import org.leadscoring.store.Database;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Incremental runs are exact: after each one, a full run at the same moment finds nothing more to write. Leads are
 * generated with activities of many ages; between runs some are edited in Zoho, some get new activities, and once the
 * rules change.
 */
@QuarkusTest
@TestProfile(CoqlRescoringProfile.class)
class IncrementalRescoringTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = RescoringProfile.ZOHO;
    static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");
    static final String[] TITLES = { "VP Marketing", "Marketing Manager", "Intern", "Head of Growth", "Software Engineer", "CEO" };
    static final String[] COUNTRIES = { "US", "BR", "DE", "CA", "IN" };
    static final String[] ACTIVITIES = { "webinar_attended", "pricing_page_visit", "whitepaper_download", "email_click", "demo_request" };

    @Inject
    Database db;

    final Random random = new Random(42);
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void givenEditsActivitiesAndARuleChange_whenIncrementalRunsAtSeveralMoments_thenAFullRunAtTheSameMomentWritesNothingMore() throws Exception {
        RescoringProfile.newOrganisation(db);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String email = "p" + i + "." + run + "@firm" + (i % 37) + "-" + run + ".com";
            Map<String, Object> fields = new HashMap<>(Map.of("Email", email, "Last_Name", "P" + i, "Designation", TITLES[random.nextInt(TITLES.length)],
                    "Company", "Firm " + (i % 37), "No_of_Employees", 5 + random.nextInt(2000), "Country", COUNTRIES[random.nextInt(COUNTRIES.length)]));
            ZOHO.seed("Leads", fields);
            if (i % 4 == 0) {
                activity(email, T0.minus(Duration.ofDays(random.nextInt(60))));
            }
            if (i % 25 == 0) {
                // Some are ready to buy: they qualify and are converted, and must never be converted again.
                activity(email, T0.minus(Duration.ofDays(1)), "demo_request");
                activity(email, T0.minus(Duration.ofDays(2)), "pricing_page_visit");
            }
            emails.add(email);
        }
        JsonPath base = RunsApi.runAndWait("{\"full\":true,\"now\":\"" + T0 + "\"}");
        assertThat(base.getString("run.state")).isEqualTo("completed");
        assertThat(base.getString("run.mode")).isEqualTo("full");
        assertThat(base.getInt("run.converted")).as("qualified Leads converted by the first run").isPositive();

        Instant[] moments = { T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(7)), T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(31)) };
        String rules = RescoringProfile.RULES.resolve("rules/b2b/fit.drl").toString();
        boolean ruleChanged = false;
        try {
            for (int k = 0; k < moments.length; k++) {
                Instant now = moments[k];
                nightPasses();
                editInZoho(4);
                for (int n = 0; n < 3; n++) {
                    activity(emails.get(random.nextInt(emails.size())), now.minus(Duration.ofHours(1 + random.nextInt(48))));
                }
                if (k == 2) {
                    String version = given().get("/api/rules/status").then().extract().path("version");
                    Fixtures.edit(java.nio.file.Path.of(rules), "@fit(3) @reason(\"In a market we sell to", "@fit(4) @reason(\"In a market we sell to");
                    ruleChanged = true;
                    await().atMost(Duration.ofSeconds(20)).until(() -> !version.equals(given().get("/api/rules/status").then().extract().path("version")));
                }

                JsonPath incremental = RunsApi.runAndWait("{\"now\":\"" + now + "\"}");
                ZOHO.clearRequests();
                JsonPath full = RunsApi.runAndWait("{\"full\":true,\"now\":\"" + now + "\"}");

                assertThat(incremental.getString("run.state")).isEqualTo("completed");
                if (k == 2) {
                    // Either this run or the one the rule change started by itself read everything: the rules changed.
                    List<Map<String, Object>> afterChange = given().get("/api/rescoring/runs").then().extract().jsonPath()
                            .getList("findAll { it.mode_reason != null && it.mode_reason.contains('rule set changed') }");
                    assertThat(afterChange).isNotEmpty();
                } else {
                    assertThat(incremental.getString("run.mode")).isEqualTo("incremental");
                    assertThat(incremental.getInt("run.scanned")).as("Leads scored at %s", now).isLessThan(200);
                    assertThat(incremental.getInt("run.candidates")).isEqualTo(incremental.getInt("run.scanned"));
                }
                assertThat(given().get("/api/rescoring/runs/" + incremental.getString("run.id")).then().extract().jsonPath()
                        .getList("converted.error", String.class)).as("Leads converted again").doesNotContain("already converted");
                assertThat(full.getString("run.mode")).isEqualTo("full");
                assertThat(full.getInt("run.changed")).as("what a full run at %s still finds to write", now).isZero();
                assertThat(ZOHO.requests("PUT", "/crm/v8/Leads")).isEmpty();
                if (k == 0) {
                    assertThat(incremental.getInt("run.changed")).as("decay and edits written by the incremental run").isPositive();
                    assertThat(incremental.getLong("run.read_credits")).isLessThanOrEqualTo(1 + 3);
                }
            }
        } finally {
            if (ruleChanged) {
                String version = given().get("/api/rules/status").then().extract().path("version");
                Fixtures.edit(java.nio.file.Path.of(rules), "@fit(4) @reason(\"In a market we sell to", "@fit(3) @reason(\"In a market we sell to");
                await().atMost(Duration.ofSeconds(20)).until(() -> !version.equals(given().get("/api/rules/status").then().extract().path("version")));
                await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/rescoring/runs").then().extract().jsonPath()
                        .getList("findAll { it.state == 'running' }").isEmpty());
            }
        }
    }

    @Test
    void givenAChainStoppedAtItsBudget_whenALeadItReadIsEditedBeforeTheChainEnds_thenTheNextIncrementalRunReadsIt() throws Exception {
        RescoringProfile.newOrganisation(db);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            ids.add(ZOHO.seed("Leads", new HashMap<>(Map.of("Email", "s" + i + "." + run + "@chain-" + run + ".com", "Last_Name", "S" + i,
                    "Designation", "Marketing Manager", "Company", "Chain", "No_of_Employees", 120, "Country", "US"))));
        }
        // The chain's first run reads and writes the first 2,000 Leads and stops at its budget (see CoqlRescoringTest).
        JsonPath first = RunsApi.runAndWait("{\"full\":true,\"max_credits\":210,\"now\":\"" + T0 + "\"}");
        assertThat(first.getString("run.state")).isEqualTo("stopped_budget");
        nightPasses();
        // The first run started an hour ago; half an hour ago someone made a Lead it had read a VP; the chain then ends.
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE rescoring_run SET started_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
            ps.setString(2, first.getString("run.id"));
            ps.executeUpdate();
        }
        String edited = ids.get(10);
        ZOHO.records("Leads").get(edited).put("Designation", "VP Marketing").put("Modified_Time", Instant.now().minus(Duration.ofMinutes(30)).toString());
        JsonPath rest = RunsApi.runAndWait("{\"now\":\"" + T0 + "\"}");
        assertThat(rest.getString("run.state")).isEqualTo("completed");
        assertThat(rest.getString("run.chain_id")).isEqualTo(first.getString("run.chain_id"));

        JsonPath incremental = RunsApi.runAndWait("{\"now\":\"" + T0 + "\"}");
        ZOHO.clearRequests();
        JsonPath full = RunsApi.runAndWait("{\"full\":true,\"now\":\"" + T0 + "\"}");

        assertThat(incremental.getString("run.mode")).isEqualTo("incremental");
        assertThat(incremental.getString("run.modified_since")).isNotNull();
        assertThat(full.getInt("run.changed")).as("what the full run still found to write").isZero();
        assertThat(ZOHO.records("Leads").get(edited).path("Score_Explanation").asText()).contains("VP");
    }

    @Test
    void givenALeadDeletedInZoho_whenAnIncrementalRunWritesIt_thenTheFailureIsReported_andTheLeadIsForgotten() throws Exception {
        RescoringProfile.newOrganisation(db);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = "d" + i + "." + run + "@gone-" + run + ".com";
            ids.add(ZOHO.seed("Leads", new HashMap<>(Map.of("Email", email, "Last_Name", "D" + i, "Designation", "Marketing Manager",
                    "Company", "Gone", "No_of_Employees", 120, "Country", "US"))));
            activity(email, T0.minus(Duration.ofDays(1)), "webinar_attended");
        }
        RunsApi.runAndWait("{\"full\":true,\"now\":\"" + T0 + "\"}");
        String deleted = ids.get(0);
        ZOHO.delete("Leads", deleted);
        nightPasses();

        // Its activity ages, so the run scores it from its stored fields and tries to write it.
        JsonPath first = RunsApi.runAndWait("{\"now\":\"" + T0.plus(Duration.ofDays(5)) + "\"}");
        nightPasses();
        ZOHO.clearRequests();
        JsonPath second = RunsApi.runAndWait("{\"now\":\"" + T0.plus(Duration.ofDays(9)) + "\"}");

        assertThat(first.getString("run.mode")).isEqualTo("incremental");
        assertThat(given().get("/api/rescoring/runs/" + first.getString("run.id")).then().extract().jsonPath().getList("failed.lead_id", String.class))
                .containsExactly(deleted);
        assertThat(second.getString("run.mode")).isEqualTo("incremental");
        assertThat(second.getInt("run.failed")).isZero();
        assertThat(ZOHO.requests("PUT", "/crm/v8/Leads").stream().flatMap(r -> java.util.stream.StreamSupport.stream(r.json().path("data").spliterator(), false))
                .map(d -> d.path("id").asText())).as("Leads written by the second run").isNotEmpty().doesNotContain(deleted);
    }

    /**
     * A day goes by in Zoho: every modification so far, the runs' own writes included, is a day old, as between two
     * nightly runs (the runs started seconds apart here).
     */
    void nightPasses() {
        ZOHO.records("Leads").values().forEach(l -> l.put("Modified_Time", Instant.parse(l.path("Modified_Time").asText()).minus(Duration.ofDays(1)).toString()));
    }

    /** Someone edits {@code n} open Leads in Zoho: a new title and company size. */
    void editInZoho(int n) {
        List<ObjectNode> open = ZOHO.records("Leads").values().stream().filter(l -> !l.path("$converted").asBoolean(false)).toList();
        for (int i = 0; i < n; i++) {
            ObjectNode lead = open.get(random.nextInt(open.size()));
            lead.put("Designation", TITLES[random.nextInt(TITLES.length)]).put("No_of_Employees", 5 + random.nextInt(2000))
                    .put("Modified_Time", Instant.now().toString());
        }
    }

    void activity(String email, Instant at) throws Exception {
        activity(email, at, ACTIVITIES[random.nextInt(ACTIVITIES.length)]);
    }

    void activity(String email, Instant at, String type) {
        StoredActivities.store(db, email, type, at);
    }
}
