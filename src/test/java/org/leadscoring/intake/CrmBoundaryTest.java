package org.leadscoring.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The intake at the CRM boundary on a bad day, end to end against the fake Zoho: never the wrong person's record, never
 * twice, never lost, nothing leaked. Each test is a fault the issue found (or one next to it) and the state the intake
 * ends in.
 */
@QuarkusTest
@TestProfile(FakeZohoProfile.class)
class CrmBoundaryTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = FakeZohoProfile.ZOHO;
    static final String GATEWAY_PAGE = "<html><body><h1>504 Gateway Time-out</h1></body></html>";

    String run;

    @BeforeEach
    void uniqueRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    static Response postLead(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/zapier/prospects");
    }

    static Response postActivity(String email, String type) {
        return given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"type\":\"" + type + "\"}").post("/api/zapier/activities");
    }

    static List<ObjectNode> records(String module, String email) {
        return ZOHO.records(module).values().stream().filter(r -> email.equals(r.path("Email").asText())).toList();
    }

    static String statusOf(String intakeId) {
        return given().get("/api/intakes/" + intakeId).then().statusCode(200).extract().path("status");
    }

    static List<FakeZoho.Request> createsOf(String email) {
        return ZOHO.requests("POST", "/crm/v8/").stream().filter(r -> r.path().matches("/crm/v8/(Leads|Contacts)") && r.body().contains(email)).toList();
    }

    // ---- the wrong person ------------------------------------------------------------------------------------

    @Test
    void givenZohoFoldsADotlessI_thenDianasLeadIsNeverWritten_andTheIntakeIsAConflictNamingTheField() {
        String diana = "diana." + run + "@northwind.io";
        String other = "d\u0131ana." + run + "@northwind.io";
        String dianaId = ZOHO.seed("Leads", Map.of("Email", diana, "Last_Name", "Prince", "Lead_Score", 10));

        JsonPath r = postLead("{\"email\":\"" + other + "\",\"last_name\":\"Stranger\",\"activity\":\"demo_request\"}").then().statusCode(409)
                .extract().jsonPath();

        assertThat(r.getString("status")).isEqualTo("conflict");
        assertThat(r.getString("reasons")).contains("another person's record (" + dianaId + ") holds the same Email");
        ObjectNode lead = ZOHO.records("Leads").get(dianaId);
        assertThat(lead.path("Lead_Score").asInt()).isEqualTo(10);
        assertThat(lead.has("Score_Explanation")).isFalse();
        assertThat(ZOHO.requests("PUT", "/crm/v8/Leads").stream().filter(q -> q.body().contains(dianaId))).isEmpty();
        JsonPath intake = given().get("/api/intakes/" + r.getString("id")).then().statusCode(200).extract().jsonPath();
        assertThat(intake.getString("status")).isEqualTo("conflict");
        assertThat(intake.getString("zoho_error")).contains("CONFLICT on Email");
    }

    @Test
    void givenACreateMeetsAnotherPersonsUniquePhone_thenNothingIsWrittenIntoThatRecord_andTheIntakeIsAConflict() {
        String holder = "holder." + run + "@northwind.io";
        String email = "newcomer." + run + "@northwind.io";
        String phone = "+1 555 " + run.substring(0, 4);
        String holderId = ZOHO.seed("Leads", Map.of("Email", holder, "Last_Name", "Holder", "Phone", phone));
        ZOHO.uniqueFields("Phone");
        JsonPath r;
        try {
            r = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Newcomer\",\"phone\":\"" + phone + "\",\"activity\":\"web_form\"}")
                    .then().statusCode(409).extract().jsonPath();
        } finally {
            ZOHO.uniqueFields();
        }

        assertThat(r.getString("status")).isEqualTo("conflict");
        assertThat(r.getString("reasons")).contains("holds the same Phone");
        assertThat(ZOHO.records("Leads").get(holderId).has("Lead_Score")).isFalse();
        assertThat(records("Leads", email)).isEmpty();
        assertThat(given().get("/api/intakes/" + r.getString("id")).then().extract().<String>path("zoho_error")).contains("CONFLICT on Phone");
    }

    @Test
    void givenOneMailboxInUnicodeAndInPunycode_thenOneRecord() {
        String unicode = "dana." + run + "@bücher-check.de";
        String punycode = "dana." + run + "@xn--bcher-check-thb.de";

        JsonPath first = postLead("{\"email\":\"" + unicode + "\",\"last_name\":\"Dana\",\"activity\":\"newsletter_signup\"}").then().statusCode(200)
                .extract().jsonPath();
        JsonPath second = postLead("{\"email\":\"" + punycode.toUpperCase(java.util.Locale.ROOT) + "\",\"activity\":\"web_form\"}").then()
                .statusCode(200).extract().jsonPath();

        assertThat(first.getString("email")).isEqualTo(punycode);
        assertThat(second.getString("zoho_id")).isEqualTo(first.getString("zoho_id"));
        assertThat(second.getString("decision")).isEqualTo("update_lead");
        assertThat(records("Leads", punycode)).hasSize(1);
    }

    @Test
    void givenADisposableDomainInFullWidthLetters_thenRejected_andALookAlikeDomainIsRefused() {
        assertThat(postLead("{\"email\":\"promo." + run + "@\uff4d\uff41\uff49\uff4c\uff49\uff4e\uff41\uff54\uff4f\uff52.com\"}").then().statusCode(200)
                .extract().<String>path("decision")).isEqualTo("reject");
        postLead("{\"email\":\"promo." + run + "@m\u0430ilinator.com\"}").then().statusCode(400)
                .body("fields[0].field", org.hamcrest.Matchers.equalTo("email"))
                .body("fields[0].message", org.hamcrest.Matchers.containsString("mixes scripts"));
    }

    // ---- twice -----------------------------------------------------------------------------------------------

    @Test
    void givenACreateZohoCommittedButAnswered504_thenQueued_thenFoundAndUpdated_oneRecord() {
        String email = "lost." + run + "@northwind.io";
        ZOHO.loseAnswerNext(1, q -> q.method().equals("POST") && q.path().equals("/crm/v8/Leads") && q.body().contains(email), 504, GATEWAY_PAGE);

        JsonPath queued = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Lost\",\"activity\":\"web_form\"}").then().statusCode(202)
                .extract().jsonPath();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "done".equals(statusOf(queued.getString("id"))));

        assertThat(records("Leads", email)).hasSize(1);
        assertThat(createsOf(email)).hasSize(1);
        assertThat(given().get("/api/intakes/" + queued.getString("id")).then().extract().<String>path("zoho_id"))
                .isEqualTo(records("Leads", email).get(0).path("id").asText());
    }

    @Test
    void givenALookupAnswered200WithAGatewayPage_thenItIsNotNobody_andNoSecondRecordIsMade() {
        String email = "known." + run + "@northwind.io";
        String leadId = ZOHO.seed("Leads", Map.of("Email", email, "Last_Name", "Known"));
        ZOHO.failNext(2, q -> q.path().equals("/crm/v8/coql") && q.body().contains(email), 200, GATEWAY_PAGE);

        JsonPath queued = postLead("{\"email\":\"" + email + "\",\"activity\":\"web_form\"}").then().statusCode(202).extract().jsonPath();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "done".equals(statusOf(queued.getString("id"))));

        assertThat(records("Leads", email)).hasSize(1);
        assertThat(createsOf(email)).isEmpty();
        assertThat(given().get("/api/intakes/" + queued.getString("id")).then().extract().<String>path("zoho_id")).isEqualTo(leadId);
    }

    @Test
    void givenAConversionZohoScheduledAndHasNotDone_thenLaterActivitiesDoNotRequestItAgain() {
        String email = "slowjob." + run + "@northwind.io";
        String leadId = ZOHO.seed("Leads", Map.of("Email", email, "Last_Name", "Sato"));
        ZOHO.scheduleConversions(Duration.ofSeconds(30));
        try {
            JsonPath r = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Sato\",\"title\":\"VP Sales\",\"company\":\"Northwind\","
                    + "\"employees\":350,\"industry\":\"SaaS\",\"country\":\"US\",\"activity\":\"demo_request\"}").then().statusCode(200).extract()
                    .jsonPath();
            assertThat(r.getString("decision")).isEqualTo("convert_lead");
            for (String type : List.of("pricing_page_visit", "webinar_attended", "demo_request")) {
                JsonPath later = postActivity(email, type).then().statusCode(200).extract().jsonPath();
                assertThat(later.getString("reasons")).contains("Zoho scheduled the conversion as job");
            }
            assertThat(ZOHO.requests("POST", "/crm/v8/Leads/" + leadId + "/actions/convert")).hasSize(1);
        } finally {
            ZOHO.scheduleConversions(false);
        }
    }

    // ---- lost ------------------------------------------------------------------------------------------------

    @Test
    void givenTheAccountsServerThrottles_thenAcknowledgedIntakesWait_andAreAllDeliveredWhenItRecovers() {
        ZOHO.expireTokens();
        ZOHO.failNext(2, q -> q.path().equals("/oauth/v2/token"), 400,
                "{\"error\":\"Access Denied\",\"error_description\":\"You have made too many requests continuously. Please try again after some time.\"}");
        List<String> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                String email = "throttled" + i + "." + run + "@northwind.io";
                emails.add(email);
                Response r = postLead("{\"email\":\"" + email + "\",\"last_name\":\"T" + i + "\",\"activity\":\"web_form\"}");
                assertThat(r.statusCode()).as(r.asString()).isIn(200, 202);
                ids.add(r.path("id"));
            }
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                for (String id : ids) {
                    assertThat(statusOf(id)).isIn("queued", "pending", "done");
                }
                assertThat(ids.stream().map(CrmBoundaryTest::statusOf)).containsOnly("done");
            });
        } finally {
            ZOHO.clearFaults();
        }
        for (String email : emails) {
            assertThat(records("Leads", email)).hasSize(1);
        }
    }

    // ---- pace and secrets ------------------------------------------------------------------------------------

    @Test
    void givenA429WithRetryAfter_thenNotRetriedBeforeIt_thenDelivered() {
        String email = "paced." + run + "@northwind.io";
        ZOHO.failNext(1, q -> q.method().equals("POST") && q.path().equals("/crm/v8/Leads") && q.body().contains(email), 429, Map.of("Retry-After", "3"),
                q -> "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Rate limit exceeded\",\"status\":\"error\",\"details\":{}}");

        JsonPath queued = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Paced\",\"activity\":\"web_form\"}").then().statusCode(202)
                .extract().jsonPath();
        assertThat(createsOf(email)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "done".equals(statusOf(queued.getString("id"))));

        assertThat(createsOf(email)).hasSize(2);
        assertThat(records("Leads", email)).hasSize(1);
    }

    @Test
    void givenZohoEchoesTheAccessTokenInAnError_thenNeitherTheAnswerNorTheStoredIntakeHoldsIt() {
        String email = "echo." + run + "@northwind.io";
        postLead("{\"email\":\"warm." + run + "@northwind.io\"}").then().statusCode(200);
        ZOHO.failNext(1, q -> q.method().equals("POST") && q.path().equals("/crm/v8/Leads") && q.body().contains(email), 400, Map.of(),
                q -> "{\"data\":[{\"code\":\"INVALID_DATA\",\"status\":\"error\",\"message\":\"header was " + q.headers().get("authorization")
                        + "\",\"details\":{\"api_name\":\"Last_Name\",\"echo\":\"" + q.headers().get("authorization") + "\"}}]}");

        Response answer = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Echo\",\"activity\":\"web_form\"}");

        String token = createsOf(email).get(0).headers().get("authorization").substring("Zoho-oauthtoken ".length());
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.asString()).doesNotContain(token).contains("INVALID_DATA on Last_Name");
        assertThat(given().get("/api/intakes/" + answer.path("id")).then().extract().asString()).doesNotContain(token);
    }
}
