package org.leadscoring.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.crm.zoho.FakeZoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The packaged service killed with SIGKILL loses nothing it acknowledged: intakes queued while Zoho was down, and
 * an intake whose Zoho record was created just before the kill, are completed after a restart, with one Zoho
 * record each.
 */
class OutboxRestartIT {

    static final String KEY = "restart-test-key";
    static final ObjectMapper JSON = new ObjectMapper();

    FakeZoho zoho;
    Path dataDir;
    Process service;
    int port;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws IOException {
        zoho = new FakeZoho();
        dataDir = Files.createTempDirectory("restart-it");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.destroyForcibly();
        }
        zoho.close();
    }

    @Test
    void givenQueuedIntakesAndAnUnrecordedCreate_whenKilledAndRestarted_thenAllCompletedOnceEach() throws Exception {
        start();
        // Zoho is down for these: they are acknowledged as queued, and stay queued until the kill.
        zoho.failNext(1000, r -> r.path().startsWith("/crm/") && r.body().contains("queued"), 503, "{\"code\":\"INTERNAL_ERROR\",\"message\":\"down\",\"status\":\"error\",\"details\":{}}");
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = post("{\"email\":\"queued" + i + "@northwind.io\",\"last_name\":\"Q" + i + "\"}");
            assertThat(r.statusCode()).isEqualTo(202);
            queued.add(JSON.readTree(r.body()).path("id").asText());
        }
        // Zoho creates this one but answers too late: the service is killed before it records the outcome.
        zoho.answerLate(r -> r.method().equals("POST") && r.path().equals("/crm/v8/Leads") && r.body().contains("late@northwind.io"),
                Duration.ofSeconds(30));
        HttpResponse<String> late = post("{\"email\":\"late@northwind.io\",\"last_name\":\"Late\"}");
        assertThat(late.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> leads("late@northwind.io") == 1);

        assertThat(leads("queued0@northwind.io")).isZero();
        service.destroyForcibly().waitFor();
        zoho.clearFaults();
        zoho.answerLate(r -> false, Duration.ZERO);
        start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String id : queued) {
                if (!"done".equals(intake(id).path("status").asText())) {
                    return false;
                }
            }
            return "done".equals(intake(JSON.readTree(late.body()).path("id").asText()).path("status").asText());
        });
        for (int i = 0; i < 3; i++) {
            assertThat(leads("queued" + i + "@northwind.io")).as("leads for queued%d", i).isEqualTo(1);
        }
        assertThat(leads("late@northwind.io")).isEqualTo(1);
    }

    private long leads(String email) {
        Map<String, ObjectNode> all = zoho.records("Leads");
        return all.values().stream().filter(r -> email.equals(r.path("Email").asText())).count();
    }

    private com.fasterxml.jackson.databind.JsonNode intake(String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/intakes/" + id)).header("X-API-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/api/zapier/prospects")).header("X-API-Key", KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private void start() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dleadscoring.data-dir=" + dataDir, "-Dleadscoring.api-key=" + KEY,
                "-Dzoho.accounts-url=" + zoho.url(), "-Dzoho.api-url=" + zoho.url(), "-Dzoho.client-id=" + FakeZoho.CLIENT_ID,
                "-Dzoho.client-secret=" + FakeZoho.CLIENT_SECRET, "-Dzoho.refresh-token=" + FakeZoho.REFRESH_TOKEN,
                "-Dzoho.retry.max-attempts=1", "-Dzoho.timeouts.read=60s", "-Dleadscoring.intake.zoho-budget=2s", "-Dzoho.circuit.failures=0",
                "-Dleadscoring.jobs.interval=1s", "-Dleadscoring.outbox.first-retry=500ms", "-Dleadscoring.outbox.claim=3s",
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        service = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "outbox-restart-it.log").toFile())).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
