package org.leadscoring.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.leadscoring.LogCapture;
import org.leadscoring.TestApi;
import org.leadscoring.store.IntakeRepository;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Generated payloads against every intake endpoint and content type: JSON of random shape (known field names and
 * their aliases among random ones, nesting, huge and odd numbers, long and strange strings, arrays), form bodies
 * with random escapes, and broken bodies. Whatever arrives: never a 5xx, never a long answer, and every intake
 * answered 2xx is stored. The seed is printed with any failure; set {@code -Dfuzz.seed} to replay it.
 */
@QuarkusTest
class IntakeFuzzTest {

    static final int PAYLOADS = Integer.getInteger("fuzz.payloads", 2_000);
    static final int MAX_ANSWER = 4_096;
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    static final List<String> FIELDS = List.of("email", "Email", "e-mail", "first_name", "First Name", "lastName", "lname", "company",
            "Company Size", "employees", "revenue", "annual_revenue", "title", "country", "industry", "purchased", "amount", "opt_in",
            "activity", "type", "event", "activity_at", "at", "occurred_at", "timestamp", "model", "custom", "properties", "phone",
            "lead__first_name", "x", "", " ", "__", "a.b", "\u00e9t\u00e9", "\u0000", "%");
    static final List<String> STRINGS = List.of("", " ", "ann@northwind.io", "ANN@NORTHWIND.IO ", "not-an-email", "@", "a@b", "1,200", "51-200",
            "$10M", "1e100000000", "-1e20", "NaN", "Infinity", "9".repeat(400), "yes", "no", "true", "2026-11-01", "2026-11-01T12:00:00Z",
            "-9223372036854775808", "99999-01-01", "webinar_attended", "Webinar Attended", "x".repeat(300), "\u0000\u0001", "\ud83d\ude80",
            "<script>", "'; DROP TABLE prospect; --", "\\u0041", "%zz", "null", "[]", "{}", "é", "\uffff", "b2b", "no-such-model");

    @Inject
    IntakeRepository store;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void givenGeneratedPayloads_thenNeverA5xx_answersStayShort_andEvery2xxIntakeIsStored() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> stored = new ArrayList<>();
        LogCapture log = LogCapture.start();
        for (int i = 0; i < PAYLOADS; i++) {
            String path = random.nextBoolean() ? "/api/zapier/prospects" : "/api/zapier/activities";
            String contentType;
            byte[] body;
            switch (random.nextInt(10)) {
                case 0, 1 -> {
                    contentType = "application/x-www-form-urlencoded";
                    body = form(random).getBytes(StandardCharsets.US_ASCII);
                }
                case 2 -> {
                    contentType = pick(random, List.of("application/json", "application/json; charset=utf-8", "text/plain",
                            "application/json, text/plain", "application/x-www-form-urlencoded; charset=nope", "multipart/form-data"));
                    body = bytes(random);
                }
                default -> {
                    contentType = "application/json";
                    body = json(random).getBytes(StandardCharsets.UTF_8);
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                    .header("X-API-Key", TestApi.KEY).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (random.nextInt(5) == 0) {
                request.header("Idempotency-Key", pick(random, STRINGS).replaceAll("[^\\x20-\\x7e]", "k"));
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String what = "seed " + seed + ", payload " + i + ": " + path + " " + contentType + " "
                    + shorten(new String(body, StandardCharsets.UTF_8));
            assertThat(answer.statusCode()).as(what).isLessThan(500);
            assertThat(answer.body().length()).as(what).isLessThan(MAX_ANSWER);
            if (answer.statusCode() / 100 == 2) {
                String id = JSON.readTree(answer.body()).path("id").asText();
                stored.add(id);
            }
        }
        log.close();
        assertThat(log.errorsAndStackTraces()).as("seed " + seed + ": errors or stack traces logged for client input").isEmpty();
        assertThat(stored).as("seed " + seed + ": some generated payloads are valid intakes").isNotEmpty();
        for (String id : stored) {
            assertThat(store.find(id)).as("seed " + seed + ": intake " + id + " answered 2xx is stored").isPresent();
        }
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String json(Random random) {
        StringBuilder sb = new StringBuilder("{");
        if (random.nextInt(4) != 0) {
            sb.append("\"email\":\"fuzz").append(random.nextInt(50)).append("@northwind.io\"");
        } else {
            sb.append("\"email\":").append(value(random, 0));
        }
        int fields = random.nextInt(8);
        for (int i = 0; i < fields; i++) {
            sb.append(',').append(quote(pick(random, FIELDS) + (random.nextInt(4) == 0 ? random.nextInt(9) : ""))).append(':').append(value(random, 0));
        }
        String json = sb.append('}').toString();
        return switch (random.nextInt(12)) {
            case 0 -> "[" + json + "]";
            case 1 -> json.substring(0, random.nextInt(json.length()));
            case 2 -> "{\"a\":".repeat(40 + random.nextInt(2_000)) + "1" + "}".repeat(40);
            default -> json;
        };
    }

    private static String value(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 9)) {
            case 0 -> quote(pick(random, STRINGS));
            case 1 -> Long.toString(random.nextLong());
            case 2 -> random.nextInt(3) + "e" + (random.nextInt(2) == 0 ? "" : "-") + random.nextInt(1_000_000);
            case 3 -> Double.toString(random.nextGaussian() * 1e6);
            case 4 -> random.nextBoolean() ? "true" : "null";
            case 5 -> quote(randomText(random, random.nextInt(50)));
            case 6 -> "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]";
            default -> "{" + quote(pick(random, FIELDS)) + ":" + value(random, depth + 1) + "}";
        };
    }

    private static String form(Random random) {
        StringBuilder sb = new StringBuilder("email=fuzz" + random.nextInt(50) + "%40northwind.io");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            String name = URLEncoder.encode(pick(random, FIELDS), StandardCharsets.UTF_8);
            String value = random.nextInt(5) == 0 ? pick(random, List.of("%zz", "%E9", "%", "%C3", "==", "&&"))
                    : URLEncoder.encode(pick(random, STRINGS), StandardCharsets.UTF_8);
            sb.append('&').append(random.nextInt(10) == 0 ? "" : name).append('=').append(value);
        }
        return sb.toString();
    }

    private static byte[] bytes(Random random) {
        byte[] b = new byte[random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x2FFFF) : 0x20 + random.nextInt(0x5f));
        }
        return sb.toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('"').toString();
    }
}
