package org.leadscoring.outcomes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.rescoring.RescoringProfile;
import org.leadscoring.rescoring.RunsApi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A challenger in shadow ({@code challenger_of}) changes nothing written to Zoho: the same prospects taken in and
 * re-scored with and without one leave Zoho in the same state, field for field, with the same number of writes; its
 * scores are in the score history, marked shadow, and in the calibration report beside the champion's on the same
 * prospects; and it cannot be made to write by naming it.
 */
@QuarkusTest
@TestProfile(RescoringProfile.class)
class ChallengerTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = RescoringProfile.ZOHO;
    static final Path CHALLENGER = RescoringProfile.RULES.resolve("scoring-models/b2b-next.yaml");
    static final String[] TITLES = { "VP Marketing", "Marketing Manager", "Intern", "Head of Growth", "Software Engineer", "CEO" };
    static final int[] EMPLOYEES = { 5, 40, 250, 1200, 90 };
    static final String[] ACTIVITIES = { "newsletter_signup", "web_form", "whitepaper_download", "webinar_attended", "demo_request",
            "pricing_page_visit" };

    /** The same rules with thresholds far lower: it would qualify (and so make Contacts of) many the champion keeps as Leads. */
    static final String CHALLENGER_YAML = """
            # A challenger: the same rules, qualifying far sooner.
            name: b2b-next
            challenger_of: b2b
            rules:
              - b2b/*.drl
            qualification: { min_fit: 10, min_engagement: 5 }
            grades:
              - { grade: A, min: 60 }
              - { grade: B, min: 30 }
              - { grade: C }
            limits:
              fit: { floor: 0, cap: 100 }
              engagement: { floor: 0, cap: 100 }
            decay:
              default: { half_life_days: 30 }
            """;

    /** Prospects per organisation (the PostgreSQL run checks the same SQL paths on fewer). */
    protected int prospects() {
        return 18;
    }

    @Test
    void aChallengerInShadow_changesNothingWrittenToZoho_isInTheHistoryAndBesideItsChampion() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        idle();
        Zoho without = scenario("a" + run);
        assertThat(without.records()).as("a record per prospect").hasSize(prospects());
        assertThat(without.writes()).as("the intake's creations and the run's updates").hasSizeGreaterThan(prospects());

        String version = version();
        Files.writeString(CHALLENGER, CHALLENGER_YAML);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !version.equals(version()));
            assertThat(given().get("/api/rules/status").then().extract().jsonPath().getList("models")).contains("b2b-next");
            idle();
            Instant start = Instant.now();
            Zoho with = scenario("b" + run);

            // Zoho is as it was without the challenger: the same records, field for field, after the same writes.
            assertThat(with.records()).isEqualTo(without.records());
            assertThat(with.writes()).isEqualTo(without.writes());

            // Its scores are in the history, marked shadow, and would have decided otherwise for someone.
            boolean decidedOtherwise = false;
            for (int k = 0; k < prospects(); k++) {
                JsonPath h = given().get("/api/prospects/" + email(k, "b" + run) + "/history").then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> shadow = h.getList("history.findAll { it.shadow }");
                List<Map<String, Object>> decided = h.getList("history.findAll { !it.shadow }");
                assertThat(shadow).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("model", "b2b-next"));
                assertThat(decided).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("model", "b2b"));
                decidedOtherwise |= !shadow.get(shadow.size() - 1).get("decision").equals(decided.get(decided.size() - 1).get("decision"));
            }
            assertThat(decidedOtherwise).as("the challenger would have decided otherwise for someone, yet Zoho is unchanged").isTrue();

            // The report puts them side by side, on the same prospects.
            JsonPath report = given().get("/api/reports/calibration?model=b2b&from=" + start).then().statusCode(200).extract().jsonPath();
            assertThat(report.getList("challengers.challenger")).containsExactly("b2b-next");
            assertThat(report.getInt("challengers[0].prospects")).isEqualTo(prospects());
            assertThat(report.getInt("challengers[0].champion_calibration.prospects")).isEqualTo(prospects());
            assertThat(report.getInt("challengers[0].challenger_calibration.prospects")).isEqualTo(prospects());
            int championQualified = qualified(report, "champion_calibration");
            int challengerQualified = qualified(report, "challenger_calibration");
            assertThat(challengerQualified).as("its own thresholds").isGreaterThan(championQualified);
            // The champion's own report is unchanged by the shadow: the prospects once each.
            assertThat(report.getInt("calibration.prospects")).isEqualTo(prospects());

            // Named for a run that writes, it is refused; a dry run may preview it.
            given().contentType(ContentType.JSON).body("{\"model\":\"b2b-next\"}").post("/api/rescoring/runs").then().statusCode(400)
                    .body("fields[0].field", org.hamcrest.Matchers.equalTo("model"));
        } finally {
            Files.deleteIfExists(CHALLENGER);
            await().atMost(Duration.ofSeconds(30)).until(() -> !given().get("/api/rules/status").then().extract().jsonPath()
                    .getList("models").contains("b2b-next"));
            idle();
        }
    }

    private static int qualified(JsonPath report, String side) {
        return report.getList("challengers[0]." + side + ".qualified_per_week.qualified", Integer.class).stream().mapToInt(Integer::intValue).sum();
    }

    /** Zoho's records without their ids and times, the run's tag taken out of each value, by email; and the writes made (method and path, without ids). */
    record Zoho(Map<String, String> records, List<String> writes) {
    }

    /**
     * A new organisation: prospects taken in through the Zapier intake, then a re-scoring run 40 days later (engagement
     * decayed, scores written again); what Zoho then holds.
     */
    private Zoho scenario(String tag) {
        ZOHO.reset();
        ZOHO.validating(false);
        try {
            for (int k = 0; k < prospects(); k++) {
                String body = "{\"email\":\"" + email(k, tag) + "\",\"last_name\":\"P" + k + "\",\"title\":\"" + TITLES[k % TITLES.length]
                        + "\",\"company\":\"Acme " + (k % 5) + "\",\"employees\":" + EMPLOYEES[k % EMPLOYEES.length] + ",\"country\":\""
                        + (k % 3 == 0 ? "US" : "DE") + "\",\"activity\":\"" + ACTIVITIES[k % ACTIVITIES.length] + "\"}";
                String key = "challenger-" + tag + "-" + k;
                await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                        .until(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/zapier/prospects")
                                .statusCode() == 200);
            }
            JsonPath run = RunsApi.runAndWait("{\"now\":\"" + Instant.now().plus(Duration.ofDays(40)) + "\",\"full\":true}");
            assertThat(run.getString("run.state")).isEqualTo("completed");
        } finally {
            ZOHO.validating(true);
        }
        Map<String, String> records = new TreeMap<>();
        for (String module : List.of("Leads", "Contacts")) {
            for (ObjectNode r : ZOHO.records(module).values()) {
                ObjectNode copy = r.deepCopy();
                strip(copy, tag);
                records.put(module + " " + copy.path("Email").asText(), copy.toString());
            }
        }
        // A lookup by email is a COQL query, sent as a POST: a read, so not counted.
        List<String> writes = ZOHO.requests().stream().filter(q -> !q.method().equals("GET") && q.path().startsWith("/crm/") && !q.path().endsWith("/coql"))
                .map(q -> q.method() + " " + q.path().replaceAll("/\\d+", "/<id>")).sorted().toList();
        return new Zoho(records, writes);
    }

    /** Takes out what differs between two organisations by nature: ids, times, and the run's tag. */
    private static void strip(ObjectNode node, String tag) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode v = node.get(name);
            if (name.equals("id") || name.endsWith("_Time") || name.endsWith("_At") || name.endsWith("_Date")) {
                node.remove(name);
            } else if (v.isObject()) {
                strip((ObjectNode) v, tag);
            } else if (v.isTextual()) {
                String text = v.asText().replace(tag, "<tag>").replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:\\d\\d)?", "<time>");
                node.put(name, text);
            }
        }
    }

    private static String email(int k, String tag) {
        return "c" + k + "." + tag + "@acme" + (k % 5) + ".example";
    }

    private static String version() {
        return given().get("/api/rules/status").then().extract().path("version");
    }

    /** No re-scoring run going on (a rule change starts one). */
    private static void idle() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> given().get("/api/rescoring/runs").then().extract()
                .jsonPath().getList("findAll { it.state == 'running' }").isEmpty());
    }
}
