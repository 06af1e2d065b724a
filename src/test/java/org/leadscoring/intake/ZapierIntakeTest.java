package org.leadscoring.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.store.ProspectRepository;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Zapier intake end to end against the fake Zoho: every decision path, payload shape, replay and outage. */
@QuarkusTest
@TestProfile(FakeZohoProfile.class)
class ZapierIntakeTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = FakeZohoProfile.ZOHO;

    @Inject
    ProspectRepository store;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    String run;

    @BeforeEach
    void uniqueRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    String email(String who) {
        return who + "." + run + "@northwind.io";
    }

    static Response postLead(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/zapier/prospects");
    }

    static Map<String, ObjectNode> recordsWithEmail(String module, String email) {
        Map<String, ObjectNode> all = ZOHO.records(module);
        all.values().removeIf(r -> !email.equals(r.path("Email").asText()));
        return all;
    }

    // ---- paths before 0.2 ------------------------------------------------------------------------------------

    @Test
    void givenTheOldPaths_thenTheyServeAsTheNewOnes_andSayWhereToMove() {
        String email = email("old");
        Response prospect = given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"last_name\":\"Old\",\"activity\":\"web_form\"}")
                .post("/api/zapier/leads");
        prospect.then().statusCode(200).header("Deprecation", "true").header("Link", "</api/zapier/prospects>; rel=\"successor-version\"");
        Response activity = given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"type\":\"pricing_page_visit\"}")
                .post("/api/zapier/events");
        activity.then().statusCode(200).header("Deprecation", "true").header("Link", "</api/zapier/activities>; rel=\"successor-version\"");
        assertThat(given().get("/api/intakes/" + prospect.path("id")).then().statusCode(200).extract().<String>path("kind")).isEqualTo("prospect");
        assertThat(given().get("/api/intakes/" + activity.path("id")).then().statusCode(200).extract().<String>path("kind")).isEqualTo("activity");
        assertThat(recordsWithEmail("Leads", email)).hasSize(1);
        postLead("{\"email\":\"" + email + "\"}").then().statusCode(200).header("Deprecation", nullValue());
        // The old path needs the key the new one needs.
        given().header("X-API-Key", "").contentType(ContentType.JSON).body("{\"email\":\"" + email + "\"}").post("/api/zapier/leads").then()
                .statusCode(401);
    }

    // ---- decision paths --------------------------------------------------------------------------------------

    @Test
    void givenNewsletterSignup_thenLeadCreatedInZohoWithScores() {
        String email = email("sam");
        JsonPath r = postLead("{\"email\":\"" + email + "\",\"first_name\":\"Sam\",\"last_name\":\"Jones\",\"activity\":\"newsletter_signup\"}")
                .then().statusCode(200).extract().jsonPath();

        assertThat(r.getString("status")).isEqualTo("done");
        assertThat(r.getString("decision")).isEqualTo("create_lead");
        assertThat(r.getString("zoho_module")).isEqualTo("Leads");
        assertThat(r.getString("id")).startsWith("in_");
        assertThat(r.getString("ruleset_version")).matches("[0-9a-f]{12}");
        assertThat(r.getString("model")).isEqualTo("b2b");
        assertThat(r.getString("reasons")).contains("New prospect starts as a Lead");
        Map<String, ObjectNode> leads = recordsWithEmail("Leads", email);
        assertThat(leads).hasSize(1);
        ObjectNode lead = leads.values().iterator().next();
        assertThat(lead.path("id").asText()).isEqualTo(r.getString("zoho_id"));
        assertThat(lead.path("Last_Name").asText()).isEqualTo("Jones");
        assertThat(lead.path("Lead_Score").asInt()).isEqualTo(r.getInt("score"));
        assertThat(lead.path("Score_Explanation").asText()).contains("Newsletter signup");
    }

    @Test
    void givenPurchase_thenContactCreatedAndNoLead() {
        String email = email("li");
        JsonPath r = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Wei\",\"activity\":\"purchase\",\"purchase_amount\":\"$1,200.50\"}")
                .then().statusCode(200).extract().jsonPath();

        assertThat(r.getString("decision")).isEqualTo("create_contact");
        assertThat(recordsWithEmail("Contacts", email)).hasSize(1);
        assertThat(recordsWithEmail("Leads", email)).isEmpty();
    }

    @Test
    void givenExistingContact_thenUpdatedAndNoLeadCreated() {
        String email = email("dana");
        String contactId = ZOHO.seed("Contacts", Map.of("Email", email, "Last_Name", "Whitfield"));

        JsonPath r = postLead("{\"email\":\"" + email + "\",\"title\":\"VP Marketing\",\"activity\":\"webinar_attended\"}")
                .then().statusCode(200).extract().jsonPath();

        assertThat(r.getString("decision")).isEqualTo("update_contact");
        assertThat(r.getString("zoho_id")).isEqualTo(contactId);
        assertThat(recordsWithEmail("Leads", email)).isEmpty();
        assertThat(ZOHO.records("Contacts").get(contactId).path("Lead_Score").asInt()).isEqualTo(r.getInt("score"));
    }

    @Test
    void givenExistingLeadAndQualifyingEvent_thenConvertedOnceAndQualifiedOnce() {
        String email = email("priya");
        String leadId = ZOHO.seed("Leads", Map.of("Email", email, "Last_Name", "Natarajan"));
        postLead("{\"email\":\"" + email + "\",\"last_name\":\"Natarajan\",\"title\":\"Marketing Manager\",\"company\":\"Northwind\","
                + "\"employees\":\"51-200\",\"country\":\"United States\",\"industry\":\"Software\",\"activity\":\"whitepaper_download\"}")
                .then().statusCode(200).body("decision", equalTo("update_lead"));

        JsonPath converted = given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"type\":\"demo_request\"}")
                .post("/api/zapier/activities").then().statusCode(200).extract().jsonPath();
        JsonPath after = given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"type\":\"pricing_page_visit\"}")
                .post("/api/zapier/activities").then().statusCode(200).extract().jsonPath();

        assertThat(converted.getString("decision")).isEqualTo("convert_lead");
        assertThat(converted.getString("zoho_module")).isEqualTo("Contacts");
        assertThat(ZOHO.records("Leads").get(leadId).path("$converted").asBoolean()).isTrue();
        assertThat(after.getString("decision")).isEqualTo("update_contact");
        assertThat(ZOHO.requests("POST", "/crm/v8/Leads/" + leadId + "/actions/convert")).hasSize(1);
        List<Map<String, Object>> qualified = given().get("/api/zapier/qualified").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(qualified.stream().filter(e -> email.equals(e.get("email")))).singleElement()
                .satisfies(e -> assertThat(e.get("id")).isEqualTo("lead.qualified:" + converted.getString("id")))
                .satisfies(e -> org.leadscoring.HookPayloadShape.assertShape(e, "intake"));
        List<Map<String, Object>> conversions = given().get("/api/zapier/qualified?event=lead.converted").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(conversions.stream().filter(e -> email.equals(e.get("email")))).singleElement()
                .satisfies(e -> org.leadscoring.HookPayloadShape.assertShape(e, "intake"))
                .satisfies(e -> assertThat(e.get("lead_id")).isEqualTo(leadId));
    }

    @Test
    void givenZohoSchedulesTheConversion_thenALeadUntilZohoHasDoneIt_thenRecordedAndLeadConvertedRaisedOnce() {
        String email = email("sato");
        String leadId = ZOHO.seed("Leads", Map.of("Email", email, "Last_Name", "Sato"));
        ZOHO.scheduleConversions(true);
        try {
            JsonPath r = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Sato\",\"title\":\"VP Sales\",\"company\":\"Northwind\","
                    + "\"employees\":350,\"industry\":\"SaaS\",\"country\":\"US\",\"activity\":\"demo_request\"}")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(r.getString("decision")).isEqualTo("convert_lead");
            assertThat(r.getString("zoho_module")).as("not a Contact until Zoho's job has run").isEqualTo("Leads");
            assertThat(r.getString("reasons")).contains("Zoho scheduled the conversion");

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> conversions(email).size() == 1);
            String contactId = recordsWithEmail("Contacts", email).keySet().iterator().next();
            assertThat(conversions(email)).singleElement()
                    .satisfies(e -> org.leadscoring.HookPayloadShape.assertShape(e, "intake"))
                    .satisfies(e -> assertThat(e.get("zoho_id")).isEqualTo(contactId))
                    .satisfies(e -> assertThat(e.get("lead_id")).isEqualTo(leadId));
            assertThat(store.find(email).orElseThrow().zohoModule()).isEqualTo("Contacts");
            assertThat(ZOHO.requests("POST", "/crm/v8/Leads/" + leadId + "/actions/convert")).hasSize(1);
        } finally {
            ZOHO.scheduleConversions(false);
        }
    }

    static List<Map<String, Object>> conversions(String email) {
        List<Map<String, Object>> all = given().get("/api/zapier/qualified?event=lead.converted&limit=200").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(e -> email.equals(e.get("email"))).toList();
    }

    // ---- field policy: one for every path ------------------------------------------------------------------------

    @Test
    void givenTitleSalesCorrectedInZoho_thenTheNextIntakeAndTheNightlyRunScoreIt_andNeitherOverwritesIt() {
        String email = email("corrected");
        String vp = "{\"email\":\"" + email + "\",\"last_name\":\"Cho\",\"title\":\"VP Sales\",\"company\":\"Northwind\","
                + "\"employees\":120,\"country\":\"US\",\"activity\":\"%s\",\"n\":\"" + UUID.randomUUID() + "\"}";
        JsonPath first = postLead(vp.formatted("web_form")).then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("decision")).isEqualTo("create_lead");
        String leadId = first.getString("zoho_id");

        // Sales correct the title in Zoho; the person's next form repeats the old one.
        ZOHO.records("Leads").get(leadId).put("Designation", "Marketing Intern");
        JsonPath second = postLead(vp.formatted("newsletter_signup").replace("\"n\":\"", "\"n\":\"2")).then().statusCode(200)
                .extract().jsonPath();

        // VP-level +20 is gone and Student or intern -15 counts: scored as the record stands.
        assertThat(second.getInt("fit_score")).isEqualTo(first.getInt("fit_score") - 35);
        assertThat(ZOHO.records("Leads").get(leadId).path("Designation").asText()).isEqualTo("Marketing Intern");
        assertThat(ZOHO.records("Leads").get(leadId).path("Lead_Score").asInt()).isEqualTo(second.getInt("score"));

        String run = given().contentType(ContentType.JSON).body("{}").post("/api/rescoring/runs").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"running".equals(given().get("/api/rescoring/runs/" + run).then().extract().path("run.state")));

        // The nightly run scored it as the intake did (the score written stands) and left the correction alone.
        assertThat(ZOHO.records("Leads").get(leadId).path("Lead_Score").asInt()).isEqualTo(second.getInt("score"));
        assertThat(ZOHO.records("Leads").get(leadId).path("Designation").asText()).isEqualTo("Marketing Intern");
        assertThat(ZOHO.requests("PUT", "/crm/v8/Leads")).filteredOn(r -> r.body().contains("\"id\":\"" + leadId + "\""))
                .noneSatisfy(r -> assertThat(r.body()).contains("Designation"));
    }

    @Test
    void givenACustomAttributeMappedToZoho_thenWrittenToItsField_listedForZapier_andSalesEditsStand() {
        String email = email("plan");
        JsonPath first = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Pao\",\"plan\":\"team\",\"colour\":\"red\"}")
                .then().statusCode(200).extract().jsonPath();
        String leadId = first.getString("zoho_id");
        assertThat(ZOHO.records("Leads").get(leadId).path("Plan__c").asText()).isEqualTo("team");
        assertThat(ZOHO.records("Leads").get(leadId).has("colour")).isFalse();

        // Sent nested as the Zapier app sends it, after sales changed it in Zoho: the edit stands (keep_edits).
        ZOHO.records("Leads").get(leadId).put("Plan__c", "business");
        postLead("{\"email\":\"" + email + "\",\"custom\":{\"plan\":\"enterprise\"},\"activity\":\"newsletter_signup\"}")
                .then().statusCode(200);
        assertThat(ZOHO.records("Leads").get(leadId).path("Plan__c").asText()).isEqualTo("business");

        given().get("/api/zapier/fields").then().statusCode(200)
                .body("custom_attributes.key", equalTo(List.of("plan")))
                .body("custom_attributes[0].label", equalTo("Plan"))
                .body("custom_attributes[0].zoho_field", equalTo("Plan__c"))
                .body("intake_fields", org.hamcrest.Matchers.hasItems("email", "employee_count", "activity", "activity_at"));
    }

    @Test
    void givenNewTitleOnAForm_andNobodyEditedItInZoho_thenTheFormsTitleIsWrittenAndScored() {
        String email = email("promoted");
        postLead("{\"email\":\"" + email + "\",\"last_name\":\"Ode\",\"title\":\"Marketing Manager\",\"employees\":120,"
                + "\"activity\":\"web_form\"}").then().statusCode(200).body("decision", equalTo("create_lead"));
        JsonPath promoted = postLead("{\"email\":\"" + email + "\",\"title\":\"VP Marketing\",\"activity\":\"newsletter_signup\"}")
                .then().statusCode(200).extract().jsonPath();

        String leadId = promoted.getString("zoho_id");
        assertThat(ZOHO.records("Leads").get(leadId).path("Designation").asText()).isEqualTo("VP Marketing");
        assertThat(promoted.getString("explanation")).contains("VP-level title +20");
    }

    @Test
    void givenQualifiedProspect_whenStillQualified_thenNoNewEvent_whenFallsBelowHysteresisAndClimbsBack_thenQualifiesAgain() {
        // Each intake is awaited to the end of its Zoho work, where its qualification event is recorded: an intake
        // answered "queued" (a slow database, a busy worker) would otherwise be counted before it is done.
        String email = email("yoyo");
        completed(lead(email, "VP Sales", 350, "demo_request").then().body("qualified", equalTo(true)));
        completed(event(email, "webinar_attended").then().body("qualified", equalTo(true)));
        assertThat(qualifiedEvents(email)).isEqualTo(1);

        // Fit 30: under the 40 needed, but not 10 under it, so not re-armed; back up, it is the same qualification.
        completed(lead(email, "Marketing Intern", 350, "web_form").then().body("qualified", equalTo(false)).body("fit_score", equalTo(30)));
        completed(lead(email, "VP Sales", 350, "web_form").then().body("qualified", equalTo(true)));
        assertThat(qualifiedEvents(email)).isEqualTo(1);

        // Fit 10: well under the line, so re-armed; climbing back is a new qualification.
        completed(lead(email, "Marketing Intern", 5, "web_form").then().body("qualified", equalTo(false)).body("fit_score", equalTo(10)));
        completed(lead(email, "VP Sales", 350, "whitepaper_download").then().body("qualified", equalTo(true)));
        assertThat(qualifiedEvents(email)).isEqualTo(2);
    }

    /** Waits until the intake answered here has finished its Zoho work. */
    static void completed(io.restassured.response.ValidatableResponse answer) {
        String id = answer.extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "done".equals(given().get("/api/intakes/" + id).then().extract().path("status")));
    }

    static Response lead(String email, String title, int employees, String activity) {
        return postLead("{\"email\":\"" + email + "\",\"last_name\":\"Yo\",\"title\":\"" + title + "\",\"company\":\"Northwind\","
                + "\"employees\":" + employees + ",\"industry\":\"SaaS\",\"country\":\"US\",\"activity\":\"" + activity + "\","
                + "\"n\":\"" + UUID.randomUUID() + "\"}");
    }

    static Response event(String email, String type) {
        return given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"type\":\"" + type + "\",\"n\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/zapier/activities");
    }

    static long qualifiedEvents(String email) {
        List<Map<String, Object>> events = given().get("/api/zapier/qualified?limit=200").then().statusCode(200).extract().jsonPath().getList("$");
        return events.stream().filter(e -> email.equals(e.get("email"))).count();
    }

    @Test
    void givenEventForALeadOnlyZohoKnows_thenScoredWithItsZohoFields() {
        String email = email("zohoonly");
        String leadId = ZOHO.seed("Leads", Map.of("Email", email, "Last_Name", "Only", "Designation", "VP Marketing", "Company", "Northwind",
                "No_of_Employees", 350, "Industry", "SaaS", "Country", "United States"));

        JsonPath r = given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"type\":\"webinar_attended\"}")
                .post("/api/zapier/activities").then().statusCode(200).extract().jsonPath();

        // VP 20 + 200-999 employees 15 + target industry 10 + core market 10 + business email 10.
        assertThat(r.getInt("fit_score")).isEqualTo(65);
        assertThat(r.getString("decision")).isEqualTo("update_lead");
        assertThat(ZOHO.records("Leads").get(leadId).path("Lead_Score").asInt()).isEqualTo(r.getInt("score"));
    }

    @Test
    void givenSpam_thenRejectedAndNothingWritten() {
        String email = "promo." + run + "@mailinator.com";
        ZOHO.clearRequests();

        postLead("{\"email\":\"" + email + "\",\"first_name\":\"Promo\"}")
                .then().statusCode(200).body("decision", equalTo("reject")).body("zoho_id", equalTo(null));

        assertThat(ZOHO.requests().stream().filter(r -> !r.method().equals("POST") || !r.path().equals("/crm/v8/coql"))).isEmpty();
    }

    // ---- payload shapes --------------------------------------------------------------------------------------

    @Test
    void givenWrappedInArrayNestedAndAliasedStrings_thenUnderstood() throws Exception {
        String email = email("nest");
        JsonPath r = given().contentType("application/json; charset=utf-8")
                .body("[{\"lead\":{\"Email Address\":\"" + email + "\",\"First Name\":\"Ann\",\"surname\":\"Lee\"},"
                        + "\"Company Size\":\"1,200\",\"Job Title\":\"CTO\",\"Opt In\":\"yes\",\"favourite_colour\":\"teal\",\"interests\":\"a, b\"}]")
                .post("/api/zapier/prospects").then().statusCode(200).extract().jsonPath();

        assertThat(r.getString("decision")).isIn("create_lead", "create_contact");
        ObjectNode lead = recordsWithEmail(r.getString("zoho_module"), email).values().iterator().next();
        assertThat(lead.path("First_Name").asText()).isEqualTo("Ann");
        assertThat(lead.path("Last_Name").asText()).isEqualTo("Lee");
        String stored = json.writeValueAsString(store.find(email).orElseThrow().prospect());
        assertThat(stored).contains("\"employee_count\":1200").contains("\"email_opt_in\":true")
                .contains("\"favourite_colour\":\"teal\"").contains("\"interests\":\"a, b\"");
    }

    @Test
    void givenFlatDoubleUnderscoreKeys_thenUnderstood() {
        String email = email("flat");
        given().contentType(ContentType.JSON).body("{\"lead__email\":\"" + email + "\",\"lead__last_name\":\"Flat\"}")
                .post("/api/zapier/prospects").then().statusCode(200).body("decision", equalTo("create_lead"));

        assertThat(recordsWithEmail("Leads", email)).hasSize(1);
    }

    @Test
    void givenFormEncoded_thenUnderstood() {
        String email = email("form");
        given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParam("email", email).formParam("fname", "Form").formParam("lname", "Filler").formParam("employees", "250")
                .post("/api/zapier/prospects").then().statusCode(200).body("decision", equalTo("create_lead"));

        assertThat(recordsWithEmail("Leads", email).values().iterator().next().path("No_of_Employees").asInt()).isEqualTo(250);
    }

    @Test
    void givenNoLastName_thenEmailLocalPartStandsInAndReasonsSaySo() {
        String email = email("nolast");
        postLead("{\"email\":\"" + email + "\"}").then().statusCode(200).body("reasons", containsString("Last_Name set to"));

        assertThat(recordsWithEmail("Leads", email).values().iterator().next().path("Last_Name").asText()).startsWith("nolast.");
    }

    // ---- idempotency and durability --------------------------------------------------------------------------

    @Test
    void givenSameRequestTwice_thenSameAnswerAndOneRecord() {
        String email = email("twice");
        String body = "{\"email\":\"" + email + "\",\"last_name\":\"Twice\"}";
        String first = postLead(body).then().statusCode(200).extract().asString();
        String second = postLead(body).then().statusCode(200).extract().asString();

        assertThat(second).isEqualTo(first);
        assertThat(recordsWithEmail("Leads", email)).hasSize(1);
    }

    @Test
    void givenIdempotencyKey_whenReplayedWithTheSameBody_thenTheFirstAnswer() {
        String email = email("keyed");
        String key = "zap-run-" + run;
        String body = "{\"email\":\"" + email + "\",\"last_name\":\"K\"}";
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/zapier/prospects").then().statusCode(200).extract().asString();
        String replay = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/zapier/prospects").then().statusCode(200).extract().asString();

        assertThat(replay).isEqualTo(first);
        assertThat(recordsWithEmail("Leads", email)).hasSize(1);
    }

    @Test
    void givenIdempotencyKeyReusedWithAnotherBody_then422AndNothingIsMergedOrDropped() {
        String key = "constant-key-" + run;
        String first = email("first");
        String second = email("second");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"email\":\"" + first + "\",\"last_name\":\"One\"}")
                .post("/api/zapier/prospects").then().statusCode(200);

        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"email\":\"" + second + "\",\"last_name\":\"Two\"}")
                .post("/api/zapier/prospects").then().statusCode(422)
                .body("error", equalTo("idempotency_key_reused"))
                .body("message", containsString("already used for a different request"));

        assertThat(store.find(second)).isEmpty();
        assertThat(store.find(first).orElseThrow().prospect().lastName()).isEqualTo("One");
    }

    @Test
    void givenTheSameKeyOnLeadsAndOnEvents_thenTwoIntakes() {
        String email = email("scoped");
        String key = "shared-" + run;
        String lead = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"email\":\"" + email + "\",\"last_name\":\"S\"}")
                .post("/api/zapier/prospects").then().statusCode(200).extract().path("id");
        String event = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"email\":\"" + email + "\",\"type\":\"webinar_attended\"}")
                .post("/api/zapier/activities").then().statusCode(200).extract().path("id");

        assertThat(event).isNotEqualTo(lead);
    }

    @Test
    void givenWhenAnActivityHappened_underEachDocumentedName_thenItChangesTheScore() {
        for (String name : List.of("at", "occurred_at", "activity_at")) {
            String email = email("when-" + name.replace("_", ""));
            postLead("{\"email\":\"" + email + "\",\"last_name\":\"W\",\"activity\":\"newsletter_signup\"}").then().statusCode(200);
            int today = given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"type\":\"webinar_attended\"}")
                    .post("/api/zapier/activities").then().statusCode(200).extract().path("engagement_score");
            String other = email("when-old-" + name.replace("_", ""));
            postLead("{\"email\":\"" + other + "\",\"last_name\":\"W\",\"activity\":\"newsletter_signup\"}").then().statusCode(200);
            int longAgo = given().contentType(ContentType.JSON)
                    .body("{\"email\":\"" + other + "\",\"type\":\"webinar_attended\",\"" + name + "\":\"2020-01-01T00:00:00Z\"}")
                    .post("/api/zapier/activities").then().statusCode(200).extract().path("engagement_score");
            assertThat(longAgo).as("event with " + name).isLessThan(today);
        }
        for (String name : List.of("activity_at", "at", "occurred_at")) {
            int recent = postLead("{\"email\":\"" + email("lead-new-" + name.replace("_", "")) + "\",\"last_name\":\"W\",\"activity\":\"webinar_attended\"}")
                    .then().statusCode(200).extract().path("engagement_score");
            int old = postLead("{\"email\":\"" + email("lead-old-" + name.replace("_", "")) + "\",\"last_name\":\"W\",\"activity\":\"webinar_attended\",\""
                    + name + "\":\"2020-01-01\"}").then().statusCode(200).extract().path("engagement_score");
            assertThat(old).as("lead with " + name).isLessThan(recent);
        }
    }

    @Test
    void givenZohoDown_thenQueuedWithDecisionAndDeliveredLater() {
        String email = email("outage");
        ZOHO.failNext(1000, r -> r.body().contains(email) || r.path().startsWith("/crm/v8/coql"), 503,
                "{\"code\":\"INTERNAL_ERROR\",\"message\":\"down\",\"status\":\"error\",\"details\":{}}");
        JsonPath queued;
        try {
            queued = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Outage\",\"activity\":\"webinar_attended\"}")
                    .then().statusCode(202).extract().jsonPath();
        } finally {
            ZOHO.clearFaults();
        }
        assertThat(queued.getString("status")).isEqualTo("queued");
        assertThat(queued.getString("decision")).isEqualTo("create_lead");
        String id = queued.getString("id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> "done".equals(given().get("/api/intakes/" + id).then().extract().path("status")));

        JsonPath intake = given().get("/api/intakes/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(intake.getString("zoho_module")).isEqualTo("Leads");
        assertThat(intake.getList("score_card.contributions")).isNotEmpty();
        assertThat(recordsWithEmail("Leads", email)).hasSize(1);
    }

    @Test
    void givenZohoRefusesTheRecord_then502FailedWithZohosReason_andNotRetried() {
        String email = email("refused");
        String contactId = ZOHO.seed("Contacts", Map.of("Email", email, "Last_Name", "Refused"));
        ZOHO.rejectUpdates(contactId, "Lead_Score");

        JsonPath r = postLead("{\"email\":\"" + email + "\",\"last_name\":\"Refused\"}").then().statusCode(502).extract().jsonPath();

        assertThat(r.getString("status")).isEqualTo("failed");
        assertThat(r.getString("reasons")).contains("Zoho refused the record").contains("INVALID_DATA on Lead_Score");
        JsonPath intake = given().get("/api/intakes/" + r.getString("id")).then().statusCode(200).extract().jsonPath();
        assertThat(intake.getString("status")).isEqualTo("failed");
        assertThat(intake.getString("zoho_error")).contains("INVALID_DATA");
        assertThat(intake.getMap("outbox_pending")).isNull();
    }

    // ---- security and bad input ------------------------------------------------------------------------------

    @Test
    void givenMissingEmail_thenShortMessageNamingIt() {
        postLead("{\"first_name\":\"Ann\"}").then().statusCode(400).body("message", containsString("email"))
                .body("message.length()", lessThan(250));
    }

    @Test
    void givenUnreadableNumber_thenMessageNamesTheFieldAsSent() {
        postLead("{\"email\":\"" + email("num") + "\",\"Employees\":\"lots\"}").then().statusCode(400)
                .body("fields[0].field", equalTo("Employees")).body("message", containsString("whole number"));
    }

    @Test
    void givenNoOrWrongApiKey_then401() {
        TestApi.withoutKey(() -> {
            given().contentType(ContentType.JSON).body("{}").post("/api/zapier/prospects").then().statusCode(401).body("error", equalTo("unauthorized"))
                    .body("message", containsString("X-API-Key"));
            given().get("/q/health/live").then().statusCode(200);
        });
        given().header("X-API-Key", "nope").contentType(ContentType.JSON).body("{}").post("/api/zapier/prospects").then().statusCode(401);
    }

    @Test
    void givenUnknownIntake_then404() {
        given().get("/api/intakes/in_nope").then().statusCode(404).body("error", equalTo("not_found"));
    }
}
