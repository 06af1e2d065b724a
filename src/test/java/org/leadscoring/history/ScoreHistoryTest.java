package org.leadscoring.history;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.rescoring.RescoringProfile;
import org.leadscoring.rescoring.RunsApi;
import org.leadscoring.store.Database;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Each score the service gave a prospect: from intakes and re-scoring, only when it changed, newest first, kept for the retention. */
@QuarkusTest
@TestProfile(RescoringProfile.class)
class ScoreHistoryTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = RescoringProfile.ZOHO;

    @Inject
    HistoryRetention retention;

    @Inject
    Database db;

    String email;

    @BeforeEach
    void reset() {
        ZOHO.reset();
        email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";
    }

    @Test
    void givenIntakesAndARescoringRun_thenEachChangedScoreIsListedNewestFirst_withItsSourceAndContributions() {
        String signup = "{\"email\":\"" + email + "\",\"first_name\":\"Ada\",\"last_name\":\"Byron\",\"title\":\"Marketing Manager\","
                + "\"company\":\"Northwind\",\"employees\":40,\"country\":\"US\",\"activity\":\"newsletter_signup\"}";
        String intake1 = post("/api/zapier/prospects", signup, "signup-1-" + email);
        // The same signup again (another intake): the same score, nothing new in the history.
        post("/api/zapier/prospects", signup.replace(email, email.toUpperCase()), "signup-2-" + email);
        assertThat(history(email).getList("history")).hasSize(1);
        String intake2 = post("/api/zapier/activities", "{\"email\":\"" + email + "\",\"type\":\"webinar_attended\"}", "webinar-" + email);

        JsonPath afterIntakes = history(email);
        assertThat(afterIntakes.getList("history")).hasSize(2);
        assertThat(afterIntakes.getList("history.intake_id", String.class)).containsExactly(intake2, intake1);
        assertThat(afterIntakes.getList("history.source", String.class)).containsOnly("intake");
        assertThat(afterIntakes.getList("history.model", String.class)).containsOnly("b2b");
        assertThat(afterIntakes.getList("history.zoho_module", String.class)).containsOnly("Leads");
        for (int i = 0; i < 2; i++) {
            Map<String, Object> entry = afterIntakes.getMap("history[" + i + "]");
            List<Integer> points = afterIntakes.getList("history[" + i + "].contributions.points", Integer.class);
            assertThat(points.stream().mapToInt(Integer::intValue).sum()).as("the contributions add up to the total").isEqualTo(entry.get("total"));
            assertThat((String) entry.get("ruleset_version")).matches("[0-9a-f]{12}");
            assertThat(entry.get("decision")).isEqualTo(i == 0 ? "update_lead" : "create_lead");
        }
        int engagementAfterWebinar = afterIntakes.getInt("history[0].engagement");
        // The prospect as a Zap's "Find Prospect" sees them: the latest score given, in the fields of every hook event.
        JsonPath found = given().get("/api/prospects/" + email.toUpperCase()).then().statusCode(200).extract().jsonPath();
        assertThat(found.getInt("score")).isEqualTo(afterIntakes.getInt("history[0].total"));
        assertThat(found.getString("grade")).isEqualTo(afterIntakes.getString("history[0].grade"));
        assertThat(found.getString("decision")).isEqualTo("update_lead");
        assertThat(found.getString("zoho_id")).isEqualTo(afterIntakes.getString("history[0].zoho_id"));
        assertThat(found.getString("reasons")).isNotBlank();
        assertThat(found.getString("explanation")).contains("Webinar");
        assertThat(found.getString("scored_at")).isNotNull();
        given().get("/api/prospects/nobody@nowhere.example").then().statusCode(404);
        assertThat(engagementAfterWebinar).isGreaterThan(afterIntakes.getInt("history[1].engagement"));

        // Sixty days on, the webinar has faded: re-scoring writes the lower score, and the history has it.
        Instant later = Instant.now().plus(Duration.ofDays(60)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JsonPath run = RunsApi.runAndWait("{\"now\":\"" + later + "\"}");
        JsonPath afterRun = history(email);
        assertThat(afterRun.getList("history")).hasSize(3);
        assertThat(afterRun.getString("history[0].source")).isEqualTo("rescoring");
        assertThat(afterRun.getString("history[0].rescoring_run")).isEqualTo(run.getString("run.id"));
        assertThat(afterRun.getInt("history[0].engagement")).isLessThan(engagementAfterWebinar);
        assertThat(afterRun.getString("history[0].zoho_id")).isEqualTo(afterIntakes.getString("history[0].zoho_id"));
        assertThat(Instant.parse(afterRun.getString("history[0].scored_at"))).as("the run's moment").isEqualTo(later);

        // A run with nothing to change writes nothing and adds nothing.
        RunsApi.runAndWait("{\"now\":\"" + later + "\"}");
        assertThat(history(email).getList("history")).hasSize(3);

        // Each change of score after the first is a score.changed event, one payload shape from either path.
        List<Map<String, Object>> changes = given().get("/api/zapier/qualified?event=score.changed&limit=200").then().statusCode(200).extract()
                .jsonPath().getList("$");
        List<Map<String, Object>> mine = changes.stream().filter(e -> email.equals(e.get("email"))).toList();
        assertThat(mine).extracting(e -> e.get("source")).containsExactly("rescoring", "intake");
        assertThat(mine.get(1).get("intake_id")).isEqualTo(intake2);
        assertThat(mine.get(0).get("rescoring_run")).isEqualTo(run.getString("run.id"));
        assertThat(mine.get(0).get("score")).isEqualTo(afterRun.getInt("history[0].total"));
        mine.forEach(e -> org.leadscoring.HookPayloadShape.assertShape(e, (String) e.get("source")));
    }

    /**
     * Assess, write, record: a re-scoring write Zoho refuses leaves no history entry, no {@code score.changed} and no
     * new standing, although the person's qualification moved; the same write taken later records each once.
     */
    @Test
    void givenARescoringWriteZohoRefuses_thenNothingIsRecordedOrRaised_andOnceTakenItIsRecordedOnce() {
        post("/api/zapier/prospects", "{\"email\":\"" + email + "\",\"last_name\":\"Byron\",\"title\":\"Marketing Manager\","
                + "\"company\":\"Northwind\",\"employees\":40,\"country\":\"US\",\"activity\":\"webinar_attended\"}", "refused-" + email);
        String leadId = history(email).getString("history[0].zoho_id");
        // They qualified earlier (their conversion still to come): decay now takes them below, which re-arms them.
        db.update("UPDATE prospect SET qualified = ?, armed = ? WHERE email = ?", true, false, email);
        ZOHO.rejectUpdates(leadId, "Lead_Score");
        Instant later = Instant.now().plus(Duration.ofDays(60)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        JsonPath refused = RunsApi.runAndWait("{\"now\":\"" + later + "\"}");

        assertThat(refused.getList("failed.lead_id", String.class)).contains(leadId);
        assertThat(history(email).getList("history")).as("no entry for a score never written").hasSize(1);
        assertThat(scoreChanges(email)).as("no score.changed for a score never written").isEmpty();
        assertThat(db.query(1, "SELECT qualified, armed FROM prospect WHERE email = ?", row -> row.bool("qualified") + "/" + row.bool("armed"), email))
                .containsExactly("true/false");

        ZOHO.acceptUpdates(leadId);
        JsonPath taken = RunsApi.runAndWait("{\"now\":\"" + later + "\"}");

        assertThat(history(email).getList("history.source", String.class)).containsExactly("rescoring", "intake");
        assertThat(history(email).getString("history[0].rescoring_run")).isEqualTo(taken.getString("run.id"));
        assertThat(scoreChanges(email)).singleElement().satisfies(e -> assertThat(e.get("rescoring_run")).isEqualTo(taken.getString("run.id")));
        assertThat(db.query(1, "SELECT qualified, armed FROM prospect WHERE email = ?", row -> row.bool("qualified") + "/" + row.bool("armed"), email))
                .containsExactly("false/true");
    }

    private static List<Map<String, Object>> scoreChanges(String email) {
        List<Map<String, Object>> changes = given().get("/api/zapier/qualified?event=score.changed&limit=200").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return changes.stream().filter(e -> email.equals(e.get("email"))).toList();
    }

    @Test
    void givenAKey_thenMeSaysWhichWithoutShowingIt() {
        JsonPath me = given().get("/api/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getString("key")).isEqualTo("…" + TestApi.KEY.substring(TestApi.KEY.length() - 4));
        assertThat(me.getList("models", String.class)).contains("b2b");
        assertThat(me.getString("default_model")).isEqualTo("b2b");
        given().header("X-API-Key", "nope").get("/api/me").then().statusCode(401);
    }

    @Test
    void givenATestEntry_thenRejected_andAProspectRejectedEventSaysSo() {
        String tester = "test." + email;
        String id = post("/api/zapier/prospects", "{\"email\":\"" + tester + "\",\"last_name\":\"Test\"}", "reject-" + email);
        List<Map<String, Object>> rejected = given().get("/api/zapier/qualified?event=prospect.rejected").then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertThat(rejected).filteredOn(e -> tester.equals(e.get("email"))).singleElement()
                .satisfies(e -> assertThat(e.get("decision")).isEqualTo("reject"))
                .satisfies(e -> assertThat(e.get("intake_id")).isEqualTo(id))
                .satisfies(e -> org.leadscoring.HookPayloadShape.assertShape(e, "intake"));
    }

    @Test
    void givenEntriesOlderThanTheRetention_thenTheyAreForgotten() {
        String first = post("/api/zapier/prospects", "{\"email\":\"" + email + "\",\"last_name\":\"Byron\",\"activity\":\"newsletter_signup\"}",
                "old-" + email);
        String second = post("/api/zapier/activities", "{\"email\":\"" + email + "\",\"type\":\"webinar_attended\"}", "new-" + email);
        db.update("UPDATE score_history SET scored_at = ? WHERE intake_id = ?", Instant.now().minus(Duration.ofDays(731)), first);

        retention.forgetOld();

        assertThat(history(email).getList("history.intake_id", String.class)).containsExactly(second);
    }

    @Test
    void givenAnUnknownEmailOrABadLimit_thenNotFoundOrTheFieldIsNamed() {
        given().get("/api/prospects/nobody@nowhere.example/history").then().statusCode(404);
        post("/api/zapier/prospects", "{\"email\":\"" + email + "\",\"last_name\":\"Byron\"}", "only-" + email);
        given().get("/api/prospects/" + email + "/history?limit=0").then().statusCode(400).extract().asString().contains("limit");
        assertThat(given().get("/api/prospects/" + email + "/history?limit=1").then().statusCode(200).extract().jsonPath().getList("history"))
                .hasSize(1);
    }

    private static String post(String path, String body, String idempotencyKey) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body).post(path).then().statusCode(200)
                .extract().path("id");
    }

    private static JsonPath history(String email) {
        return given().get("/api/prospects/" + email + "/history").then().statusCode(200).extract().jsonPath();
    }
}
