package org.leadscoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.scoring.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two packaged instances on one PostgreSQL database, each with rule folders of its own: a version published through A
 * is served by B; a version B cannot build leaves B on the last good one and B says so; a rollback through A reaches
 * both; files edited on B's disk become a version A serves.
 */
class RuleVersionsClusterIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_SECRET = "cluster-admin-secret";
    static final String ADMIN = "ops:" + ADMIN_SECRET;
    static final String FIT = "rules/b2b/fit.drl";
    static final String VP = "{\"prospect\":{\"email\":\"vp@northwind.io\",\"title\":\"VP Marketing\",\"company\":\"Initrode\"},"
            + "\"now\":\"2026-11-01T12:00:00Z\"}";

    final HttpClient http = HttpClient.newHttpClient();

    JsonNode call(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", "cluster-key").header("X-Admin-Key", ADMIN_SECRET)
                .header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + url + ": " + answer.body()).isLessThan(300);
        return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
    }

    String served(String base) throws Exception {
        return call("GET", base + "/api/rules/status", null).path("version").asText();
    }

    int vpFit(String base) throws Exception {
        return call("POST", base + "/api/score", VP).path("score_card").path("fit").asInt();
    }

    @Test
    void givenAPublishThroughOneInstance_thenTheOtherServesIt_refusesWhatItCannotBuild_andFollowsARollback() throws Exception {
        Path rulesA = Fixtures.copyOfShippedRules("versions-a");
        Path rulesB = Fixtures.copyOfShippedRules("versions-b");
        try (FakeZoho zoho = new FakeZoho(); PackagedInstances instances = new PackagedInstances("rule-versions", zoho)) {
            String a = instances.start("a", true, folders(rulesA, false));
            String b = instances.start("b", false, folders(rulesB, true));
            String original = served(a);
            assertThat(served(b)).isEqualTo(original);
            int fitBefore = vpFit(b);

            // A publishes a rule for a named account: 7 fit points for Initrode.
            String fit = call("GET", a + "/api/workbench/files/" + FIT, null).path("content").asText();
            String changed = fit + "\nrule \"Named account\"\n    @fit(7) @reason(\"A named account\")\nwhen\n    Prospect( company == \"Initrode\" )\nthen end\n";
            String draft = call("POST", a + "/api/workbench/drafts", JSON.writeValueAsString(Map.of("files", Map.of(FIT, changed)))).path("id").asText();
            JsonNode published = call("POST", a + "/api/workbench/drafts/" + draft + "/publish", "{\"message\":\"VPs count more\"}");
            String newVersion = published.path("ruleset_version").asText();
            assertThat(served(a)).isEqualTo(newVersion);

            // B follows (within a poll, 500 ms here; how soon is measured in the log, not asserted: a busy machine is slower).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> served(b).equals(newVersion));
            assertThat(vpFit(b)).isEqualTo(fitBefore + 7);
            assertThat(Files.readString(rulesB.resolve(FIT))).contains("rule \"Named account\"");

            // A version no instance can build (a newer instance's, say) appears in the database: B says so and serves on.
            int number = published.path("number").asInt() + 1;
            try (Connection c = DriverManager.getConnection(PackagedInstances.PG, "postgres", "");
                    PreparedStatement ps = c.prepareStatement("INSERT INTO rules_version (number, ruleset_version, author, message, files, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, number);
                ps.setString(2, "broken000000");
                ps.setString(3, "a newer instance");
                ps.setString(4, "does not build here");
                ps.setString(5, JSON.writeValueAsString(Map.of(FIT, changed.replace("when", "wehn"), "scoring-models/b2b.yaml",
                        Files.readString(rulesA.resolve("scoring-models/b2b.yaml")))));
                ps.setTimestamp(6, java.sql.Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "rejected".equals(call("GET", b + "/api/rules/status", null).path("last_reload").path("outcome").asText()));
            assertThat(served(b)).isEqualTo(newVersion);
            assertThat(call("GET", b + "/q/health/ready", null).toString()).contains("refused");
            assertThat(vpFit(b)).isEqualTo(fitBefore + 7);

            // A rolls back to the version before its publish: both serve the original rules again.
            call("POST", a + "/api/workbench/versions/" + (published.path("number").asInt() - 1) + "/rollback", "{\"message\":\"back\"}");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> served(b).equals(original));
            assertThat(served(a)).isEqualTo(original);
            assertThat(vpFit(b)).isEqualTo(fitBefore);

            // B imports files edited on its disk as a version (leadscoring.reload.import-files, on for B), which A then serves.
            String edited = Files.readString(rulesB.resolve(FIT)) + "\nrule \"Edited on disk\"\n    @fit(5) @reason(\"Edited on disk\")\nwhen\n"
                    + "    Prospect( company == \"Initrode\" )\nthen end\n";
            Files.writeString(rulesB.resolve(FIT), edited);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> !served(b).equals(original)
                    && served(a).equals(served(b)));
            assertThat(vpFit(a)).isEqualTo(fitBefore + 5);
            assertThat(call("GET", a + "/api/workbench/versions", null).toString()).contains("(files on disk)");
        }
    }

    private static String[] folders(Path root, boolean importFiles) {
        return new String[] {"-Dleadscoring.rules-dir=" + root.resolve("rules"), "-Dleadscoring.models-dir=" + root.resolve("scoring-models"),
            "-Dleadscoring.admin-key=" + ADMIN, "-Dleadscoring.reload.interval=500ms", "-Dleadscoring.reload.import-files=" + importFiles};
    }
}
