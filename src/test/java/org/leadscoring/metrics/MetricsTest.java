package org.leadscoring.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.intake.FakeZohoProfile;
import org.leadscoring.intake.HookTarget;
import org.leadscoring.rescoring.RunsApi;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * {@code /q/metrics} in Prometheus' format, each metric caused here first: an intake done and one queued while the CRM
 * fails, a decision, a hook delivered, a re-scoring run, an outcome sync; the rule set served.
 */
@QuarkusTest
@TestProfile(FakeZohoProfile.class)
class MetricsTest {

    static {
        TestApi.useKey();
    }

    static String lead(String email) {
        return "{\"email\":\"" + email + "\",\"last_name\":\"Metric\",\"title\":\"VP Sales\",\"company\":\"Northwind\",\"employees\":350,"
                + "\"industry\":\"SaaS\",\"country\":\"US\",\"activity\":\"demo_request\"}";
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first sample of {@code name} whose labels include each of {@code labels} ({@code kind="intake"}). */
    static double sample(String text, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([-0-9.eE+NaInf]+)$").matcher(text);
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " with " + String.join(", ", labels) + " in:\n" + text.lines()
                .filter(l -> l.startsWith("leadscoring_")).reduce("", (a, b) -> a + b + "\n"));
    }

    @Test
    void givenWhatOpsWatchHappens_thenEachShowsInTheMetrics() throws Exception {
        String before = metrics();
        try (HookTarget target = new HookTarget()) {
            String hook = given().contentType(ContentType.JSON).body(Map.of("event", "lead.qualified", "target_url", target.url()))
                    .post("/api/zapier/hooks").then().statusCode(201).extract().path("id");
            String done = "metric." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";
            given().contentType(ContentType.JSON).body(lead(done)).post("/api/zapier/prospects").then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> target.received.stream().anyMatch(b -> b.contains(done)));

            // The CRM fails every call about this person: the intake is queued, and waits in the work queue.
            String queued = "queued." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";
            FakeZohoProfile.ZOHO.failNext(1_000, r -> r.body() != null && r.body().contains(queued), 500, "{\"code\":\"INTERNAL_ERROR\"}");
            given().contentType(ContentType.JSON).body(lead(queued)).post("/api/zapier/prospects").then().statusCode(202);
            String during = metrics();
            FakeZohoProfile.ZOHO.clearFaults();
            FakeZohoProfile.ZOHO.creditsRemaining("41234");

            int scanned = RunsApi.runAndWait("{\"dry_run\":true}").getInt("run.scanned");
            String sync = given().contentType(ContentType.JSON).body("{}").post("/api/outcomes/sync").then().statusCode(202).extract().path("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(given().get("/api/outcomes/syncs/" + sync).then().extract()
                    .path("state")));
            int leadsRead = given().get("/api/outcomes/syncs/" + sync).then().extract().path("leads");
            given().delete("/api/zapier/hooks/" + hook).then().statusCode(204);

            // A wrong key, sent without the suite's own (a plain client, not REST Assured's defaults).
            java.net.http.HttpResponse<Void> refused = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/me")).header("X-API-Key", "not-a-key").build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(refused.statusCode()).isEqualTo(401);

            String after = metrics();
            String intakesDone = "outcome=\"done\"";
            assertThat(sample(after, "leadscoring_intakes_total", "kind=\"prospect\"", intakesDone) - sampleOr0(before, "leadscoring_intakes_total",
                    "kind=\"prospect\"", intakesDone)).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "leadscoring_intakes_total", "kind=\"prospect\"", "outcome=\"queued\"")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "leadscoring_decisions_total", "decision=\"create_contact\"", "source=\"intake\"")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "leadscoring_scoring_seconds_count", "model=\"b2b\"")).isGreaterThanOrEqualTo(2);
            assertThat(sample(after, "leadscoring_crm_calls_total", "answer=\"2xx\"")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "leadscoring_crm_calls_total", "answer=\"5xx\"")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "leadscoring_crm_credits_spent_total")).isGreaterThan(0);
            assertThat(sample(after, "leadscoring_crm_credits_remaining")).isEqualTo(41_234);
            assertThat(sample(after, "leadscoring_crm_circuit_open")).isZero();
            assertThat(sample(during, "leadscoring_queue_depth", "kind=\"intake\"")).isGreaterThanOrEqualTo(1);
            assertThat(sample(during, "leadscoring_queue_oldest_age_seconds", "kind=\"intake\"")).isGreaterThanOrEqualTo(0);
            assertThat(sample(after, "leadscoring_hooks_deliveries_total", "result=\"delivered\"")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "leadscoring_rescoring_leads", "count=\"scanned\"")).isEqualTo(scanned);
            assertThat(sample(after, "leadscoring_outcomes_sync_records", "count=\"leads\"")).isEqualTo(leadsRead);
            String version = given().get("/api/rules/status").then().statusCode(200).extract().path("version");
            assertThat(sample(after, "leadscoring_keys_refused_total")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "leadscoring_ruleset_served", "version=\"" + version + "\"")).isEqualTo(1);

            // The sample dashboard and the alert rules name only metrics the service serves.
            for (String doc : java.util.List.of("docs/monitoring/grafana-dashboard.json", "docs/monitoring/prometheus-alerts.yml")) {
                Matcher names = Pattern.compile("leadscoring_[a-z_]+").matcher(java.nio.file.Files.readString(java.nio.file.Path.of(doc)));
                while (names.find()) {
                    assertThat(after).as(doc).containsPattern("(?m)^" + names.group() + "[{ ]");
                }
            }
        } finally {
            FakeZohoProfile.ZOHO.creditsRemaining(null);
        }
    }

    private static double sampleOr0(String text, String name, String... labels) {
        try {
            return sample(text, name, labels);
        } catch (AssertionError none) {
            return 0;
        }
    }
}
