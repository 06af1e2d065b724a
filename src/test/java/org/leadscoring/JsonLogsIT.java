package org.leadscoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.leadscoring.crm.zoho.FakeZoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged service with JSON logs turned on: every line is a JSON object, the lines of an intake's work carry the
 * request's id (the caller's {@code X-Request-Id}, answered back) and the intake's, and no line at INFO or above holds
 * the person's address.
 */
class JsonLogsIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenJsonLogs_whenAnIntakeIsQueued_thenItsLinesAreJsonWithTheRequestAndIntakeIds_andNoAddress() throws Exception {
        try (FakeZoho zoho = new FakeZoho(); PackagedInstances instances = new PackagedInstances("json-logs", zoho)) {
            String base = instances.start("a", true, "-Dquarkus.log.console.json.enabled=true");
            String email = "json." + UUID.randomUUID().toString().substring(0, 8) + "@northwind.io";
            // Zoho fails every call about this person: the intake is queued, which its work logs at WARN.
            zoho.failNext(1_000, r -> r.body() != null && r.body().contains(email), 500, "{\"code\":\"INTERNAL_ERROR\"}");

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/zapier/prospects"))
                    .header("X-API-Key", "cluster-key").header("Content-Type", "application/json").header("X-Request-Id", "zap-run-42")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"last_name\":\"Json\",\"company\":\"Northwind\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(answer.headers().firstValue("X-Request-Id")).hasValue("zap-run-42");
            String intake = JSON.readTree(answer.body()).path("id").asText();

            List<JsonNode> lines = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                lines.clear();
                for (String line : Files.readAllLines(instances.log("a"))) {
                    if (!line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
                assertThat(lines).anySatisfy(l -> assertThat(l.path("message").asText()).contains("Intake " + intake + " queued"));
            });
            assertThat(lines).allSatisfy(l -> assertThat(l.isObject() && l.has("level") && l.has("message")).as(l.toString()).isTrue());
            JsonNode queued = lines.stream().filter(l -> l.path("message").asText().contains("Intake " + intake + " queued")).findFirst().orElseThrow();
            assertThat(queued.path("mdc").path("request_id").asText()).isEqualTo("zap-run-42");
            assertThat(queued.path("mdc").path("intake_id").asText()).isEqualTo(intake);
            assertThat(lines).filteredOn(l -> !l.path("level").asText().equals("DEBUG") && !l.path("level").asText().equals("TRACE"))
                    .noneSatisfy(l -> assertThat(l.toString()).contains(email));
        }
    }
}
