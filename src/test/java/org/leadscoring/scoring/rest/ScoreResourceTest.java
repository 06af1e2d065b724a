package org.leadscoring.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** {@code POST /api/score} with the shipped rules: the decisions, the explanation, and every kind of bad input. */
@QuarkusTest
class ScoreResourceTest {

    static {
        org.leadscoring.TestApi.useKey();
    }

    static final String NOW = "2026-11-01T12:00:00Z";

    static String body(String prospect, String activities, String extra) {
        return "{\"prospect\":" + prospect + ",\"activities\":" + activities + ",\"now\":\"" + NOW + "\"" + extra + "}";
    }

    static JsonPath score(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/score")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    @Test
    void givenNewsletterSignup_whenScored_thenCreateLeadWithContributionsThatAddUp() {
        JsonPath r = score(body("{\"email\":\"  Sam.Jones@GMAIL.com \",\"first_name\":\"Sam\",\"last_name\":\"Jones\"}",
                "[{\"type\":\"newsletter_signup\",\"at\":\"2026-11-01T08:00:00Z\"}]", ""));

        assertThat(r.getString("decision.action")).isEqualTo("create_lead");
        assertThat(r.getString("model")).isEqualTo("b2b");
        assertThat(r.getString("ruleset_version")).matches("[0-9a-f]{12}");
        assertThat(r.getBoolean("score_card.qualified")).isFalse();
        assertThat(r.getString("score_card.grade")).isEqualTo("E");
        assertContributionsAddUp(r);
        assertThat(r.getList("score_card.contributions.rule", String.class)).contains("Free email address", "Newsletter signup");
    }

    @Test
    void givenWhenAnActivityHappened_asAtOrOccurredAt_thenItsAgeChangesTheScore() {
        String prospect = "{\"email\":\"ann@northwind.io\"}";
        for (String name : java.util.List.of("at", "occurred_at")) {
            int recent = score(body(prospect, "[{\"type\":\"webinar_attended\",\"" + name + "\":\"2026-11-01T08:00:00Z\"}]", ""))
                    .getInt("score_card.engagement");
            int old = score(body(prospect, "[{\"type\":\"webinar_attended\",\"" + name + "\":\"2026-01-01T08:00:00Z\"}]", ""))
                    .getInt("score_card.engagement");
            assertThat(old).as(name).isLessThan(recent);
        }
    }

    @Test
    void givenPurchaseTickedAsFormsSendIt_whenScored_thenRoutedAsContact() {
        assertThat(score(body("{\"email\":\"li.wei@gmail.com\",\"purchased\":\"yes\"}", "[]", "")).getString("decision.action"))
                .isEqualTo("create_contact");
        badRequest(body("{\"email\":\"li.wei@gmail.com\",\"purchased\":\"maybe\"}", "[]", ""), "prospect.purchased", "is not true or false");
    }

    @Test
    void givenPurchase_whenScored_thenRoutedAsContact() {
        JsonPath r = score(body("{\"email\":\"li.wei@gmail.com\",\"last_name\":\"Wei\",\"purchased\":true}", "[]", ""));

        assertThat(r.getString("decision.action")).isEqualTo("create_contact");
        assertThat(r.getList("decision.reasons", String.class)).anySatisfy(reason -> assertThat(reason).contains("Has purchased"));
    }

    @Test
    void givenQualifiedProspectAndExistingLead_whenScored_thenConvertLead() {
        JsonPath r = score(body("{\"email\":\"dana@acme-analytics.com\",\"title\":\"VP of Marketing\",\"company\":\"Acme Analytics\","
                + "\"employee_count\":350,\"industry\":\"SaaS\",\"country\":\"United States\"}",
                "[{\"type\":\"demo_request\",\"at\":\"2026-10-30T10:00:00Z\"}]", ",\"existing\":\"lead\""));

        assertThat(r.getString("decision.action")).isEqualTo("convert_lead");
        assertThat(r.getBoolean("score_card.qualified")).isTrue();
        assertContributionsAddUp(r);
    }

    @Test
    void givenSizeAndRevenueAsFormsSendThem_thenScoredAsTheNumbersTheyStandFor() {
        String who = "\"email\":\"dana@acme-analytics.com\",\"title\":\"VP of Marketing\",\"industry\":\"SaaS\",\"country\":\"US\",";
        String activities = "[{\"type\":\"demo_request\",\"at\":\"2026-10-30T10:00:00Z\"}]";
        JsonPath typed = score(body("{" + who + "\"employee_count\":350,\"annual_revenue\":10000000,\"purchase_amount\":2500}", activities, ""));
        JsonPath asText = score(body("{" + who + "\"employee_count\":\"201-500 employees\",\"annual_revenue\":\"$10M\",\"purchase_amount\":\"€2.500\"}",
                activities, ""));

        assertThat(asText.getList("score_card.contributions")).isEqualTo(typed.getList("score_card.contributions"))
                .anySatisfy(c -> assertThat(c.toString()).containsIgnoringCase("employee"));
        assertThat(asText.getInt("score_card.total")).isEqualTo(typed.getInt("score_card.total"));
    }

    @Test
    void givenExistingContact_whenScored_thenUpdateContact() {
        JsonPath r = score(body("{\"email\":\"dana@acme-analytics.com\"}", "[]", ",\"existing\":\"contact\""));

        assertThat(r.getString("decision.action")).isEqualTo("update_contact");
    }

    @Test
    void givenDisposableAddress_whenScored_thenRejectedWithReason() {
        JsonPath r = score(body("{\"email\":\"promo@mailinator.com\"}", "[]", ""));

        assertThat(r.getString("decision.action")).isEqualTo("reject");
        assertThat(r.getList("decision.reasons", String.class)).singleElement().asString().contains("Disposable email address");
    }

    @Test
    void givenNoActivities_whenScored_thenEngagementIsUnscoredNotZero() {
        JsonPath r = score(body("{\"email\":\"priya@northwind.io\",\"company\":\"Northwind\"}", "[]", ""));

        assertThat(r.getMap("score_card")).containsEntry("engagement", null);
        assertThat(r.getInt("score_card.total")).isEqualTo(r.getInt("score_card.fit"));
    }

    @Test
    void givenOldActivity_whenScored_thenPointsDecayAndReasonSaysSo() {
        JsonPath r = score(body("{\"email\":\"priya@northwind.io\"}", "[{\"type\":\"Webinar Attended\",\"at\":\"2026-09-17T12:00:00Z\"}]", ""));

        Map<String, Object> webinar = r.getList("score_card.contributions", Map.class).stream()
                .filter(c -> "Webinar attended".equals(c.get("rule"))).findFirst().orElseThrow();
        assertThat(webinar.get("points")).isEqualTo(8); // 15 points, 45 days old, half-life 45 days
        assertThat((String) webinar.get("reason")).contains("45 days ago").contains("half-life 45 days");
    }

    @Test
    void givenSameRequestTwice_whenScored_thenSameResult() {
        String request = body("{\"email\":\"priya@northwind.io\",\"title\":\"CTO\"}",
                "[{\"type\":\"email_click\",\"at\":\"2026-10-20T12:00:00Z\"},{\"type\":\"web_form\",\"at\":\"2026-10-01T12:00:00Z\"}]", "");
        String first = given().contentType(ContentType.JSON).body(request).post("/api/score").then().statusCode(200).extract().asString();
        String second = given().contentType(ContentType.JSON).body(request).post("/api/score").then().statusCode(200).extract().asString();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void givenNamedModel_whenUnknown_thenBadRequestNamingModel() {
        given().contentType(ContentType.JSON).body(body("{\"email\":\"a@b.io\"}", "[]", ",\"model\":\"nope\""))
                .when().post("/api/score")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("fields[0].field", equalTo("model"))
                .body("fields[0].message", containsString("b2b"));
    }

    @Test
    void givenMissingEmail_thenBadRequestNamingEmail() {
        badRequest(body("{\"first_name\":\"Ann\"}", "[]", ""), "prospect.email", "is required");
    }

    @Test
    void givenMalformedEmail_thenBadRequestNamingEmail() {
        badRequest(body("{\"email\":\"ann-at-acme\"}", "[]", ""), "prospect.email", "not a valid email");
    }

    @Test
    void givenNegativeEmployeeCount_thenBadRequestNamingIt() {
        badRequest(body("{\"email\":\"ann@acme.com\",\"employee_count\":-3}", "[]", ""), "prospect.employee_count", "must not be negative");
    }

    @Test
    void givenAListOrAnObjectWhereAFormValueGoes_thenBadRequestNamingTheField() {
        badRequest(body("{\"email\":\"ann@acme.com\",\"employee_count\":[51,200]}", "[]", ""), "prospect.employee_count", "wrong type");
        badRequest(body("{\"email\":\"ann@acme.com\",\"purchased\":{\"yes\":true}}", "[]", ""), "prospect.purchased", "wrong type");
        badRequest(body("{\"email\":\"ann@acme.com\",\"annual_revenue\":true}", "[]", ""), "prospect.annual_revenue", "is not an amount");
    }

    @Test
    void givenWrongType_thenBadRequestNamingTheField() {
        badRequest(body("{\"email\":\"ann@acme.com\",\"employee_count\":\"many\"}", "[]", ""), "prospect.employee_count", "whole number");
    }

    @Test
    void givenUnknownField_thenBadRequestNamingIt() {
        badRequest(body("{\"email\":\"ann@acme.com\",\"employes\":10}", "[]", ""), "prospect.employes", "not a known field");
    }

    @Test
    void givenActivityWithoutDate_thenBadRequestNamingIt() {
        badRequest(body("{\"email\":\"ann@acme.com\"}", "[{\"type\":\"web_form\"}]", ""), "activities[0].at", "is required");
    }

    @Test
    void givenBadTimestamp_thenBadRequestNamingIt() {
        badRequest(body("{\"email\":\"ann@acme.com\"}", "[{\"type\":\"web_form\",\"at\":\"yesterday\"}]", ""), "activities[0].at", "ISO-8601");
    }

    @Test
    void givenUnknownExistingState_thenBadRequestNamingIt() {
        badRequest(body("{\"email\":\"ann@acme.com\"}", "[]", ",\"existing\":\"customer\""), "existing", "none, lead, contact");
    }

    @Test
    void givenMalformedJson_thenBadRequest() {
        given().contentType(ContentType.JSON).body("{\"prospect\": {\"email\": ")
                .when().post("/api/score")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", not(containsString("Exception")));
    }

    @Test
    void givenNoBody_thenBadRequest() {
        given().contentType(ContentType.JSON)
                .when().post("/api/score")
                .then().statusCode(400)
                .body("fields[0].field", equalTo("body"));
    }

    @Test
    void givenTextBody_thenUnsupportedMediaTypeAsJson() {
        given().contentType(ContentType.TEXT).body("hello")
                .when().post("/api/score")
                .then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void modelsEndpointListsTheDefaultModelWithThresholdsAndBands() {
        given().when().get("/api/models")
                .then().statusCode(200)
                .body("default_model", equalTo("b2b"))
                .body("models[0].name", equalTo("b2b"))
                .body("models[0].is_default", equalTo(true))
                .body("models[0].qualification.min_fit", equalTo(40))
                .body("models[0].grades.grade", hasItem("A"))
                .body("models[0].decay.pricing_page_visit.window_days", equalTo(30))
                // The types its decay lists, for dropdowns: sorted, without "default".
                .body("models[0].activity_types", equalTo(java.util.List.of("careers_page_visit", "demo_request", "email_click",
                        "newsletter_signup", "pricing_page_visit", "purchase", "trial_signup", "unsubscribe", "web_form", "webinar_attended",
                        "whitepaper_download")));
    }

    @Test
    void rulesStatusShowsTheServingVersionAndFiles() {
        given().when().get("/api/rules/status")
                .then().statusCode(200)
                .body("serving", equalTo(true))
                .body("version", matchesPattern("[0-9a-f]{12}"))
                .body("rule_files", hasItem("b2b/fit.drl"))
                .body("last_reload.outcome", equalTo("loaded"))
                .body("last_reload.problems", org.hamcrest.Matchers.empty())
                .body("loaded_at", not(nullValue()));
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/api/score'.post", not(nullValue()))
                .body("paths.'/api/zapier/prospects'", not(nullValue()))
                .body("paths.'/api/rescoring/runs'", not(nullValue()));
    }

    @Test
    void readinessReportsTheLoadedRuleSet() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'rule-set' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'rule-set' }.data.models", equalTo("b2b"));
    }

    static void badRequest(String body, String field, String message) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/score")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("invalid_request"))
                .body("fields.field", hasItem(field))
                .body("message", containsString(field))
                .body("message", containsString(message))
                .body("message", not(containsString("org.leadscoring")));
    }

    @SuppressWarnings("unchecked")
    static void assertContributionsAddUp(JsonPath r) {
        List<Map<String, Object>> contributions = r.getList("score_card.contributions");
        for (String axis : List.of("fit", "engagement")) {
            int sum = contributions.stream().filter(c -> axis.equals(c.get("axis"))).mapToInt(c -> (Integer) c.get("points")).sum();
            Integer score = r.get("score_card." + axis);
            assertThat(score).as(axis).isEqualTo(contributions.stream().anyMatch(c -> axis.equals(c.get("axis"))) ? sum : null);
        }
        Integer fit = r.get("score_card.fit");
        Integer engagement = r.get("score_card.engagement");
        assertThat(r.getInt("score_card.total")).isEqualTo((fit == null ? 0 : fit) + (engagement == null ? 0 : engagement));
    }
}
