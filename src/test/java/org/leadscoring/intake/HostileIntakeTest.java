package org.leadscoring.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.leadscoring.LogCapture;
import org.leadscoring.TestApi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What a careless or hostile Zap can send with the intake key: each answer is a 4xx in the API's error shape that
 * names the field or header, a few hundred bytes long, and nothing is logged as a stack trace. Each test is bounded
 * in time (each refusal takes milliseconds; before the limits, some of these inputs ran for minutes or out of memory).
 */
@QuarkusTest
@Timeout(30)
class HostileIntakeTest {

    static {
        TestApi.useKey();
    }

    private LogCapture log;

    @BeforeEach
    void listen() {
        log = LogCapture.start();
    }

    @AfterEach
    void noStackTraces() {
        log.close();
        assertThat(log.errorsAndStackTraces()).as("errors or stack traces logged for client input").isEmpty();
    }

    private static Response postJson(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    /** A 4xx naming the field, in the error shape, short. */
    private static void refused(Response response, int status, String field) {
        String body = response.then().statusCode(status).contentType(ContentType.JSON).extract().asString();
        assertThat(body.length()).as("answer size").isLessThan(2_000);
        response.then().body("fields.field", hasItem(field));
    }

    @Test
    void givenNumbersTooLargeToUse_thenOutOfRangeInAShortAnswer() {
        for (String employees : List.of("1e400", "1e100000000", "\"99999999999999999999\"", "\"100000000000k\"")) {
            Response r = postJson("/api/zapier/prospects", "{\"email\":\"a@northwind.io\",\"last_name\":\"x\",\"employees\":" + employees + "}");
            refused(r, 400, "employees");
            r.then().body("fields[0].message", equalTo("is out of range"));
        }
        // Exponents are no spelling forms use: refused as text, in a short answer, without being read.
        for (String employees : List.of("\"1e100000000\"", "\"1e900000000\"", "\"-1e20\"")) {
            Response r = postJson("/api/zapier/prospects", "{\"email\":\"a@northwind.io\",\"last_name\":\"x\",\"employees\":" + employees + "}");
            refused(r, 400, "employees");
            r.then().body("fields[0].message", startsWith("is not a whole number: "));
        }
        refused(postJson("/api/zapier/prospects", "{\"email\":\"a@northwind.io\",\"revenue\":\"1e100000000\"}"), 400, "revenue");
        refused(postJson("/api/zapier/prospects", "{\"email\":\"a@northwind.io\",\"amount\":1e400}"), 400, "amount");
    }

    @Test
    void givenJsonTooDeepOrNumbersTooLong_thenBodyRefusedOnBothZapierEndpoints() {
        String deep = "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500);
        String longNumber = "{\"email\":\"a@northwind.io\",\"employees\":" + "9".repeat(2_000) + "}";
        for (String path : List.of("/api/zapier/prospects", "/api/zapier/activities")) {
            refused(postJson(path, deep), 400, "body");
            refused(postJson(path, longNumber), 400, "body");
        }
    }

    @Test
    void givenManyLongNestedKeys_thenRefusedWithoutFlatteningThem() {
        StringBuilder leaves = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            leaves.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String key = "x".repeat(30_000);
        String body = "{\"email\":\"a@northwind.io\",\"" + key + "\":{\"" + key + "y\":{\"" + key + "z\":{" + leaves + "}}}}";
        refused(postJson("/api/zapier/prospects", body), 400, "body");

        StringBuilder many = new StringBuilder("{\"email\":\"a@northwind.io\"");
        for (int i = 0; i < 2_000; i++) {
            many.append(",\"f").append(i).append("\":1");
        }
        refused(postJson("/api/zapier/prospects", many.append('}').toString()), 400, "body");
    }

    @Test
    void givenOverlongHeaderOrFields_thenTheyAreNamed() {
        refused(given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(300))
                .body("{\"email\":\"a@northwind.io\"}").post("/api/zapier/prospects"), 400, "Idempotency-Key");
        refused(postJson("/api/zapier/prospects", "{\"email\":\"a@northwind.io\",\"activity\":\"" + "w".repeat(150) + "\"}"), 400, "activity");
        refused(postJson("/api/zapier/activities", "{\"email\":\"a@northwind.io\",\"type\":\"" + "w".repeat(150) + "\"}"), 400, "type");
        refused(postJson("/api/zapier/hooks", "{\"event\":\"lead.qualified\",\"target_url\":\"https://hooks.example/" + "p".repeat(2_500) + "\"}"),
                400, "target_url");
    }

    @Test
    void givenTimestampsOutOfRange_thenTheFieldIsNamed() {
        for (String at : List.of("-9223372036854775808", "-1e20", "\"99999-01-01\"", "1e300")) {
            refused(postJson("/api/zapier/prospects", "{\"email\":\"a@northwind.io\",\"activity_at\":" + at + "}"), 400, "activity_at");
            refused(postJson("/api/zapier/activities", "{\"email\":\"a@northwind.io\",\"type\":\"web_form\",\"at\":" + at + "}"), 400, "at");
        }
    }

    /** A request exactly as given, headers and bytes, which REST Assured would tidy (it adds a charset to forms). */
    private static java.net.http.HttpResponse<String> raw(String path, String contentType, String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
                .header("X-API-Key", TestApi.KEY).header("Content-Type", contentType)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.US_ASCII))).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenBrokenFormBodies_then400() throws Exception {
        for (String form : List.of("===", "email=%zz", "email=caf%E9%40northwind.io", "&&=&")) {
            var r = raw("/api/zapier/prospects", "application/x-www-form-urlencoded", form);
            assertThat(r.statusCode()).as(form).isEqualTo(400);
            assertThat(r.body()).startsWith("{\"error\"").hasSizeLessThan(2_000);
        }
    }

    @jakarta.inject.Inject
    org.leadscoring.store.ProspectRepository store;

    @Test
    void givenAFormInACharsetNobodyKnows_then400NamingTheHeader() throws Exception {
        var r = raw("/api/zapier/prospects", "application/x-www-form-urlencoded; charset=no-such-charset", "email=a%40northwind.io");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"Content-Type\"");
    }

    @Test
    void givenFormWithoutCharset_thenReadAsUtf8() throws Exception {
        var r = raw("/api/zapier/prospects", "application/x-www-form-urlencoded", "email=rene%40northwind.io&first_name=Ren%C3%A9&last_name=Lef%C3%A8vre");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        var stored = store.find("rene@northwind.io").orElseThrow().prospect();
        assertThat(stored.firstName()).isEqualTo("René");
        assertThat(stored.lastName()).isEqualTo("Lefèvre");
    }

    @Test
    void givenAListOfContentTypes_then415InTheErrorShape() throws Exception {
        var r = raw("/api/zapier/prospects", "application/json, text/plain", "{\"email\":\"a@northwind.io\"}");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("\"error\"");
    }

    @Test
    void givenBodiesWithALengthOverTheLimit_then413InTheErrorShapeBeforeTheBodyIsSent() throws Exception {
        // Only the headers go out: the answer comes without the service waiting for a byte of the body.
        for (long size : List.of(300_000L, 3_000_000L, 20_000_000L, 5_000_000_000L)) {
          for (String path : List.of("/api/zapier/prospects", "/api/zapier/activities", "/api/score")) {
            try (var socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestApi.KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(path + ", " + size + " bytes").startsWith("HTTP/1.1 413")
                        .contains("\"error\":\"body_too_large\"", "the limit is 262144");
            }
          }
        }
    }

    @Test
    void givenChunkedBodiesWithoutALength_thenCountedAgainstTheSameLimit_413InTheErrorShape() throws Exception {
        // Well past Quarkus' own cap (off here; 1 MB and 10 MB are common settings), still the JSON 413.
        for (int size : List.of(300_000, 900_000, 3_000_000, 20_000_000)) {
          for (String path : List.of("/api/zapier/prospects", "/api/zapier/activities", "/api/score")) {
            byte[] body = ("{\"email\":\"a@northwind.io\",\"notes\":\"" + "n".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
            // A stream of unknown length goes out chunked, without Content-Length.
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
                    .header("X-API-Key", TestApi.KEY).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();
            java.net.http.HttpResponse<String> r;
            try {
                r = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException closedWhileSending) {
                throw new AssertionError(path + ", " + size + " bytes: the connection closed without an answer", closedWhileSending);
            }
            assertThat(r.statusCode()).as(path + ", " + size + " bytes").isEqualTo(413);
            assertThat(r.body()).as(path + ", " + size + " bytes").contains("\"error\":\"body_too_large\"");
          }
        }
    }

    @Test
    void givenRulesStatus_thenFoldersAreNotShownAsAbsolutePaths() {
        String body = given().get("/api/rules/status").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain(System.getProperty("user.dir"));
    }

    @Test
    void givenRescoringRunForAnUnknownModel_then400NamingIt() {
        refused(postJson("/api/rescoring/runs", "{\"model\":\"no-such-model\",\"dry_run\":true}"), 400, "model");
    }
}
