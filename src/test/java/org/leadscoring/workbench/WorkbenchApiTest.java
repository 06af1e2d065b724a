package org.leadscoring.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.api.AdminKeys;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The rules workbench API: drafts, validation with the allowlist, publish, versions, diff and roll back. */
@QuarkusTest
@TestProfile(WorkbenchProfile.class)
class WorkbenchApiTest {

    static {
        TestApi.useKey();
    }

    static final String FIT = "rules/b2b/fit.drl";
    static final String VP_RULE = "@fit(20) @reason(\"VP-level title: owns the budget\")";
    static final String SCORE = "{\"prospect\":{\"email\":\"vp@northwind.io\",\"title\":\"VP Marketing\",\"company\":\"Initrode\"},"
            + "\"activities\":[],\"now\":\"2026-11-01T12:00:00Z\"}";

    static final String NAMED_ACCOUNT = "\nrule \"Named account\"\n    @fit(7) @reason(\"A named account\")\nwhen\n"
            + "    Prospect( company == \"Initrode\" )\nthen end\n";

    static RequestSpecification admin(String key) {
        return given().header("X-Admin-Key", key).contentType(ContentType.JSON);
    }

    static RequestSpecification alice() {
        return admin(WorkbenchProfile.ALICE);
    }

    static String liveFit() {
        return alice().get("/api/workbench/files/" + FIT).then().statusCode(200).extract().path("content");
    }

    static int fitScoreOfAVp() {
        return given().contentType(ContentType.JSON).body(SCORE).post("/api/score").then().statusCode(200).extract().path("score_card.fit");
    }

    static String draft(Map<String, String> files) {
        return alice().body(Map.of("files", files)).post("/api/workbench/drafts").then().statusCode(201).extract().path("id");
    }

    @Test
    void givenSwaggerUiTurnedOn_thenThePackagedServiceServesIt_onTheApisDocument() {
        // WorkbenchProfile sets quarkus.swagger-ui.enabled=true; by default it is off (OpenApiContractTest).
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/q/swagger-ui/index.html").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void givenNoOrWrongAdminKey_then401_andTheIntakeKeyIsNotAnAdminKey() {
        given().get("/api/workbench/files").then().statusCode(401).body("error", equalTo("unauthorized"))
                .body("message", containsString("X-Admin-Key"));
        admin("wrong").get("/api/workbench/files").then().statusCode(401);
        admin(TestApi.KEY).get("/api/workbench/files").then().statusCode(401);
    }

    @Test
    void givenTheOldAdminPath_thenItServesTheWorkbench_withTheAdminKeyOnly() {
        alice().get("/api/admin/files").then().statusCode(200).header("Deprecation", "true")
                .header("Link", "</api/workbench/files>; rel=\"successor-version\"").body("files.name", hasItem(FIT));
        given().get("/api/admin/files").then().statusCode(401);
    }

    @Test
    void givenTheRuleBuilder_thenTheServerReadsAFileIntoFormsAndWritesAFormBack_namingTheFieldItCannotWrite() {
        String fit = liveFit();
        JsonPath read = alice().body(Map.of("text", fit)).post("/api/workbench/builder/read").then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("rules.find { it.name == 'VP-level title' }.form.effect")).isEqualTo("fit");
        assertThat(read.getString("rules.find { it.name == 'VP-level title' }.form.conditions[0].value")).isEqualTo("VP");
        assertThat(read.getList("operators", String.class)).contains("is", "one_of", "at_least");

        Map<String, Object> form = Map.of("name", "Named account", "effect", "fit", "points", 7, "reason", "A named account",
                "conditions", List.of(Map.of("property", "company", "operator", "is", "value", "Initrode")));
        String written = alice().body(Map.of("text", fit, "rule", form)).post("/api/workbench/builder/write").then().statusCode(200)
                .extract().path("text");
        assertThat(written).startsWith(fit.stripTrailing()).contains(NAMED_ACCOUNT.strip());

        Map<String, Object> bad = Map.of("name", "Big", "effect", "fit", "points", 7, "reason", "Big",
                "conditions", List.of(Map.of("property", "employeeCount", "operator", "at_least", "value", "fifty")));
        alice().body(Map.of("rule", bad)).post("/api/workbench/builder/write").then().statusCode(400)
                .body("fields[0].field", equalTo("rule.conditions[0].value"));
        given().contentType(ContentType.JSON).body(Map.of("text", fit)).post("/api/workbench/builder/read").then().statusCode(401);
        alice().body("{}").post("/api/workbench/builder/read").then().statusCode(400).body("fields[0].field", equalTo("text"));
        alice().body(Map.of("text", fit)).post("/api/workbench/builder/write").then().statusCode(400).body("fields[0].field", equalTo("rule"));
    }

    @Test
    void listsAndReadsTheLiveFiles() {
        JsonPath files = alice().get("/api/workbench/files").then().statusCode(200).extract().jsonPath();

        assertThat(files.getList("files.name", String.class)).contains(FIT, "rules/b2b/engagement.drl", "scoring-models/b2b.yaml");
        assertThat(files.getString("version")).hasSize(12);
        assertThat(liveFit()).contains("rule \"VP-level title\"");
        alice().get("/api/workbench/files/rules/b2b/nothing.drl").then().statusCode(404);
    }

    @Test
    void givenPathTraversalOrOtherNames_then400NamingTheFile() {
        alice().body(Map.of("files", Map.of("rules/../../etc/passwd.drl", "x"))).post("/api/workbench/drafts").then().statusCode(400)
                .body("fields.field", hasItem("files.rules/../../etc/passwd.drl"));
        alice().body(Map.of("files", Map.of("/etc/cron.d/evil.drl", "x"))).post("/api/workbench/validate").then().statusCode(400);
        alice().body(Map.of("files", Map.of("rules/b2b/fit.sh", "x"))).post("/api/workbench/validate").then().statusCode(400);
        alice().get("/api/workbench/files/rules/..%2F..%2Fpom.xml").then().statusCode(400);
        alice().body("{}").post("/api/workbench/drafts").then().statusCode(400).body("fields.field", hasItem("files"));
    }

    @Test
    void givenUnknownDraftOrVersion_then404NamingIt() {
        alice().get("/api/workbench/drafts/draft_nope").then().statusCode(404).body("message", equalTo("No draft draft_nope"));
        alice().body(Map.of("files", Map.of(FIT, "x"))).put("/api/workbench/drafts/draft_nope").then().statusCode(404);
        alice().post("/api/workbench/drafts/draft_nope/validate").then().statusCode(404);
        alice().body(Map.of("message", "m")).post("/api/workbench/drafts/draft_nope/publish").then().statusCode(404)
                .body("error", equalTo("not_found"));
        alice().delete("/api/workbench/drafts/draft_nope").then().statusCode(404);
        alice().get("/api/workbench/versions/9999").then().statusCode(404).body("message", equalTo("No version 9999"));
        alice().get("/api/workbench/versions/9999/diff/1").then().statusCode(404);
        alice().body(Map.of()).post("/api/workbench/versions/9999/rollback").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void givenBrokenDraft_thenValidationNamesFileLineAndColumn_andLiveScoringIsUntouched() {
        int before = fitScoreOfAVp();
        String broken = liveFit().replace("Prospect( seniority == Seniority.VP )", "Prospect( senority == Seniority.VP )");
        String id = draft(Map.of(FIT, broken));

        JsonPath result = alice().post("/api/workbench/drafts/" + id + "/validate").then().statusCode(200).extract().jsonPath();

        assertThat(result.getBoolean("valid")).isFalse();
        assertThat(result.getString("problems[0].file")).isEqualTo("b2b/fit.drl");
        assertThat(result.getInt("problems[0].line")).isEqualTo(lineOf(broken, "senority"));
        assertThat(result.getInt("problems[0].column")).isPositive();
        assertThat(fitScoreOfAVp()).isEqualTo(before);
        alice().post("/api/workbench/drafts/" + id + "/impact").then().statusCode(422).body("problems[0].file", equalTo("b2b/fit.drl"));
        alice().delete("/api/workbench/drafts/" + id).then().statusCode(204);
    }

    @Test
    void givenSystemCallInARule_thenValidationRefusesItAtItsLine() {
        String unsafe = liveFit().replace("rule \"VP-level title\"\n    " + VP_RULE + "\nwhen\n    Prospect( seniority == Seniority.VP )\nthen end",
                "rule \"VP-level title\"\n    " + VP_RULE + "\nwhen\n    Prospect( seniority == Seniority.VP )\nthen\n    System.exit(0);\nend");
        assertThat(unsafe).contains("System.exit");

        JsonPath result = alice().body(Map.of("files", Map.of(FIT, unsafe))).post("/api/workbench/validate").then().statusCode(200)
                .extract().jsonPath();

        assertThat(result.getBoolean("valid")).isFalse();
        assertThat(result.getString("problems[0].message")).startsWith("the then part of a rule must be empty");
        assertThat(result.getInt("problems[0].line")).isEqualTo(lineOf(unsafe, "System.exit"));
    }

    @Test
    void givenDraftBreakingAnExample_thenNotValid_andPublishRefusedWith422() {
        String id = draft(Map.of(FIT, liveFit().replace(VP_RULE, "@fit(2) @reason(\"VP-level title: owns the budget\")")));

        alice().post("/api/workbench/drafts/" + id + "/validate").then().statusCode(200).body("valid", equalTo(false))
                .body("problems.message", hasItem(containsString("fails")));
        alice().body(Map.of("message", "try")).post("/api/workbench/drafts/" + id + "/publish").then().statusCode(422)
                .body("error", equalTo("invalid_rules")).body("problems.message", hasItem(containsString("fails")));
        alice().body(Map.of()).post("/api/workbench/drafts/" + id + "/publish").then().statusCode(400).body("fields.field", hasItem("message"));
        // What a draft does is worth seeing before its examples are brought up to date.
        alice().post("/api/workbench/drafts/" + id + "/impact").then().statusCode(200);
    }

    @Test
    void publishChangesLiveScoring_recordsVersionsWithAuthorAndDiff_andRollbackRestores() {
        int before = fitScoreOfAVp();
        String original = liveFit();
        String id = draft(Map.of(FIT, original + "\n// first try\n"));
        alice().body(Map.of("files", Map.of(FIT, original + NAMED_ACCOUNT))).put("/api/workbench/drafts/" + id).then().statusCode(200)
                .body("files", org.hamcrest.Matchers.hasKey(FIT));
        assertThat(alice().get("/api/workbench/drafts").then().statusCode(200).extract().jsonPath().getList("id", String.class)).contains(id);
        alice().post("/api/workbench/drafts/" + id + "/validate").then().statusCode(200).body("valid", equalTo(true));

        JsonPath published = admin(WorkbenchProfile.BOB).body(Map.of("message", "Initrode is a named account", "start_rescoring", true))
                .post("/api/workbench/drafts/" + id + "/publish").then().statusCode(201).extract().jsonPath();

        assertThat(fitScoreOfAVp()).isEqualTo(before + 7);
        assertThat(published.getString("author")).isEqualTo("ops-bob");
        int number = published.getInt("number");
        // A prospect scored now has the publication's number in their score history.
        String scored = "vp-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@initrode.com";
        storeLead(scored, "VP Sales", "Initrode", 350, "web_form");
        assertThat(given().get("/api/prospects/" + scored + "/history").then().statusCode(200).extract().jsonPath()
                .getInt("history[0].workbench_version")).isEqualTo(number);
        given().get("/api/rescoring/runs/" + published.getString("rescoring_run")).then().statusCode(200)
                .body("run.trigger", equalTo("publish:v" + number));
        alice().get("/api/workbench/versions/" + number).then().statusCode(200).body("author", equalTo("ops-bob"))
                .body("files.'rules/b2b/fit.drl'", containsString("rule \"Named account\""));
        List<Map<String, Object>> versions = alice().get("/api/workbench/versions").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(versions.get(0)).containsEntry("number", number).containsEntry("message", "Initrode is a named account");
        String diff = alice().get("/api/workbench/versions/" + (number - 1) + "/diff/" + number).then().statusCode(200).extract().asString();
        assertThat(diff).contains("+rule \"Named account\"").contains("+    @fit(7)").contains(FIT);
        alice().get("/api/workbench/drafts/" + id).then().statusCode(404);

        JsonPath rolledBack = alice().body(Map.of("message", "undo")).post("/api/workbench/versions/" + (number - 1) + "/rollback").then()
                .statusCode(201).extract().jsonPath();

        assertThat(rolledBack.getInt("number")).isEqualTo(number + 1);
        assertThat(rolledBack.getInt("restored_from")).isEqualTo(number - 1);
        assertThat(fitScoreOfAVp()).isEqualTo(before);
        assertThat(liveFit()).isEqualTo(original);
    }

    @Test
    void givenTwoDraftsFromTheSameRules_whenPublishedAtOnce_thenOneWinsAndTheOtherIsToldTheRulesChanged() throws Exception {
        String original = liveFit();
        String first = draft(Map.of(FIT, original + "\n// first\n"));
        String second = draft(Map.of(FIT, original + "\n// second\n"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> publishes = List.of(
                () -> alice().body(Map.of("message", "first")).post("/api/workbench/drafts/" + first + "/publish").statusCode(),
                () -> admin(WorkbenchProfile.BOB).body(Map.of("message", "second")).post("/api/workbench/drafts/" + second + "/publish").statusCode());

        List<Integer> statuses = pool.invokeAll(publishes).stream().map(WorkbenchApiTest::get).toList();
        pool.shutdown();

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        String live = liveFit();
        assertThat(live.endsWith("// first\n") || live.endsWith("// second\n")).isTrue();
        alice().body(Map.of("message", "tidy")).post("/api/workbench/versions/1/rollback").then().statusCode(201);
        assertThat(liveFit()).isEqualTo(original);
    }

    @Test
    void givenStoredProspects_thenImpactPreviewAndSideBySideTestShowWhatTheDraftChanges() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String crosses = "manager." + run + "@initrode.com";
        String rises = "intern." + run + "@initrode.com";
        String untouched = "vp." + run + "@northwind.io";
        storeLead(crosses, "Marketing Manager", "Initrode", 120, "demo_request");
        storeLead(rises, "Marketing Intern", "Initrode", 120, "newsletter_signup");
        storeLead(untouched, "VP Sales", "Northwind", 350, "webinar_attended");
        String id = draft(Map.of(FIT, liveFit() + NAMED_ACCOUNT));

        JsonPath impact = alice().post("/api/workbench/drafts/" + id + "/impact").then().statusCode(200).extract().jsonPath();

        int prospects = impact.getInt("prospects");
        assertThat(prospects).isGreaterThanOrEqualTo(3);
        assertThat(impact.getInt("changed")).isEqualTo(2);
        assertThat(impact.getInt("newly_qualified")).isEqualTo(1);
        assertThat(impact.getInt("no_longer_qualified")).isZero();
        assertThat(impact.getList("distribution.live", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(prospects);
        assertThat(impact.getList("distribution.draft", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(prospects);
        Map<String, Map<String, Integer>> transitions = impact.getMap("transitions");
        assertThat(transitions.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum()).isEqualTo(prospects);
        assertThat(transitions.get("update_lead")).containsEntry("convert_lead", 1);
        assertThat(impact.getList("largest.email", String.class)).containsExactlyInAnyOrder(crosses, rises);
        assertThat(impact.getList("largest.delta", Integer.class)).containsOnly(7);
        assertThat(impact.getString("largest[0].rules[0].rule")).isEqualTo("Named account");
        assertThat(impact.getInt("largest[0].rules[0].draft")).isEqualTo(7);

        JsonPath side = alice().body(Map.of("emails", List.of(crosses), "prospects", List.of(Map.of("prospect",
                Map.of("email", "typed@initrode.com", "title", "CEO", "company", "Initrode")))))
                .post("/api/workbench/drafts/" + id + "/test").then().statusCode(200).extract().jsonPath();

        assertThat(side.getList("email", String.class)).containsExactly("typed@initrode.com", crosses);
        assertThat(side.getInt("[0].draft.score_card.fit")).isEqualTo(side.getInt("[0].live.score_card.fit") + 7);
        assertThat(side.getBoolean("[1].live.score_card.qualified")).isFalse();
        assertThat(side.getBoolean("[1].draft.score_card.qualified")).isTrue();
        assertThat(side.getList("[1].draft.score_card.contributions.rule", String.class)).contains("Named account");
        alice().body(Map.of("emails", List.of("nobody@nowhere.io"))).post("/api/workbench/drafts/" + id + "/test").then().statusCode(404);
        alice().body(Map.of()).post("/api/workbench/drafts/" + id + "/test").then().statusCode(400);
        alice().delete("/api/workbench/drafts/" + id).then().statusCode(204);
    }

    @Test
    void givenTheFormsAndSuggestionWriters_whenAskedWhatCannotBeWritten_thenTheFieldAtFaultIsNamed() {
        String fit = liveFit();
        // Points put where a rule's points are written; a rule no file declares is said, and points out of range refused.
        JsonPath written = alice().body(Map.of("files", Map.of(FIT, fit), "points", Map.of("Mid-size company", 12, "Nobody's rule", 3)))
                .post("/api/workbench/points").then().statusCode(200).extract().jsonPath();
        assertThat(written.getString("files.'" + FIT + "'")).contains("rule \"Mid-size company\"\n    @fit(12)");
        assertThat(written.getList("not_found", String.class)).containsExactly("Nobody's rule");
        alice().body(Map.of("files", Map.of(FIT, fit), "points", Map.of("Mid-size company", 50_000))).post("/api/workbench/points")
                .then().statusCode(400).body("fields[0].field", equalTo("points"));
        alice().body(Map.of("points", Map.of())).post("/api/workbench/points").then().statusCode(400).body("fields[0].field", equalTo("files"));
        // The model form's edits: a place the file does not have is named by its edit.
        String model = alice().get("/api/workbench/files/scoring-models/b2b.yaml").then().statusCode(200).extract().path("content");
        alice().body(Map.of("file", "b2b.yaml", "content", model, "edits", List.of(Map.of("path", List.of("grades", 40, "min"), "value", 3))))
                .post("/api/workbench/model-form/write").then().statusCode(400).body("fields[0].field", equalTo("edits[0].path"));
        JsonPath form = alice().body(Map.of("file", "b2b.yaml", "content", model, "edits", List.of(Map.of("path", List.of("qualification", "min_fit"), "value", 41))))
                .post("/api/workbench/model-form/write").then().statusCode(200).extract().jsonPath();
        assertThat(form.getString("content")).isEqualTo(model.replace("  min_fit: 40\n", "  min_fit: 41\n"));
        assertThat(form.getInt("model.qualification.min_fit")).isEqualTo(41);
    }

    @Test
    void givenAnAdminKey_thenTheReportsAndRunsTheWorkbenchShowsAreReachable_andNothingElse() {
        // No API key at all (the tests send one by default): the admin key alone.
        alice().header("X-API-Key", "").get("/api/reports/calibration").then().statusCode(200);
        admin("wrong").header("X-API-Key", "").get("/api/reports/calibration").then().statusCode(401);
        // The re-scoring runs the workbench lists and starts take it too; a wrong one is refused there as well.
        alice().header("X-API-Key", "").get("/api/rescoring/runs").then().statusCode(200);
        admin("wrong").header("X-API-Key", "").get("/api/rescoring/runs").then().statusCode(401);
        // The outcome syncs "Does it work?" offers and follows take it too.
        alice().header("X-API-Key", "").get("/api/outcomes/syncs").then().statusCode(200);
        admin("wrong").header("X-API-Key", "").get("/api/outcomes/syncs").then().statusCode(401);
        // Nothing else: the admin key is not an API key (no intake, no models).
        alice().header("X-API-Key", "").body("{\"email\":\"a@b.io\"}").post("/api/zapier/prospects").then().statusCode(401);
        alice().header("X-API-Key", "").get("/api/models").then().statusCode(401);
    }

    @Test
    void theVocabularyIsTheRuleLanguages_withTheLiveModelsActivityTypes() {
        JsonPath v = alice().get("/api/workbench/vocabulary").then().statusCode(200).extract().jsonPath();
        assertThat(v.getList("facts.name", String.class)).containsExactly("Prospect", "Activity");
        assertThat(v.getList("facts[0].properties.name", String.class)).contains("seniority", "employeeCount", "emailDomain", "custom");
        assertThat(v.getString("facts[0].properties.find { it.name == 'seniority' }.type")).isEqualTo("Seniority");
        assertThat(v.getList("enums.Seniority", String.class)).contains("EXECUTIVE", "VP", "DIRECTOR");
        assertThat(v.getList("annotations.name", String.class)).containsExactlyInAnyOrder("fit", "engagement", "max", "routing", "reason");
        assertThat(v.getList("activity_types", String.class)).contains("webinar_attended", "demo_request").doesNotContain("default");
        admin("wrong").get("/api/workbench/vocabulary").then().statusCode(401);
    }

    @Test
    void theModelFormReadsAModelFile_orSaysWhatIsWrongWithIt() {
        String yaml = alice().get("/api/workbench/files/scoring-models/b2b.yaml").then().statusCode(200).extract().path("content");
        alice().body(Map.of("file", "b2b.yaml", "content", yaml)).post("/api/workbench/model-form").then().statusCode(200)
                .body("model.qualification.min_fit", org.hamcrest.Matchers.equalTo(40))
                .body("model.decay.pricing_page_visit.window_days", org.hamcrest.Matchers.equalTo(30))
                .body("problems", org.hamcrest.Matchers.empty());
        alice().body(Map.of("file", "b2b.yaml", "content", yaml.replace("min_fit: 40", "min_fit: [40"))).post("/api/workbench/model-form").then()
                .statusCode(200).body("model", org.hamcrest.Matchers.nullValue()).body("problems[0].file", org.hamcrest.Matchers.equalTo("b2b.yaml"))
                .body("problems[0].line", org.hamcrest.Matchers.notNullValue());
        alice().body(Map.of("file", "b2b.yaml")).post("/api/workbench/model-form").then().statusCode(400).body("fields[0].field", org.hamcrest.Matchers.equalTo("content"));
    }

    @Test
    void aWorkbookBecomesPointTables_andATableDownloadsAsAWorkbook_andGarbageIsAProblemNotAnError() throws Exception {
        byte[] xlsx = alice().body(Map.of("name", "Accounts", "csv", "axis,field,value,points\nfit,company,Initech,9\n"))
                .post("/api/workbench/point-tables/to-xlsx").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("Accounts.xlsx")).extract().asByteArray();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("Accounts");
            assertThat(book.getSheetAt(0).getRow(1).getCell(3).getNumericCellValue()).isEqualTo(9.0);
        }
        // And back: the same table.
        given().header(AdminKeys.HEADER, WorkbenchProfile.ALICE).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(xlsx).post("/api/workbench/point-tables/from-xlsx").then().statusCode(200)
                .body("sheets[0].sheet", org.hamcrest.Matchers.equalTo("Accounts"))
                .body("sheets[0].csv", org.hamcrest.Matchers.equalTo("axis,field,value,points\nfit,company,Initech,9\n"))
                .body("problems", org.hamcrest.Matchers.empty());
        given().header(AdminKeys.HEADER, WorkbenchProfile.ALICE).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body("PK not a workbook".getBytes()).post("/api/workbench/point-tables/from-xlsx").then().statusCode(200)
                .body("sheets", org.hamcrest.Matchers.empty())
                .body("problems[0].message", org.hamcrest.Matchers.equalTo("the file cannot be read as an XLSX workbook"));
        alice().body(Map.of("name", "x", "csv", "axis,field\n\"never closed,1\n")).post("/api/workbench/point-tables/to-xlsx").then().statusCode(400)
                .body("fields[0].field", org.hamcrest.Matchers.equalTo("csv"));
    }

    static void storeLead(String email, String title, String company, int employees, String activity) {
        io.restassured.response.Response answer = given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"last_name\":\"Doe\",\"title\":\"" + title
                + "\",\"company\":\"" + company + "\",\"employees\":" + employees + ",\"country\":\"US\",\"activity\":\"" + activity + "\"}")
                .post("/api/zapier/prospects");
        answer.then().statusCode(org.hamcrest.Matchers.oneOf(200, 202));
        if (answer.statusCode() == 202) {
            // The first intake after a boot may outlast the answer's wait and finish from the outbox: wait for it to be done.
            String intake = answer.path("id");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> "done".equals(given().get("/api/intakes/" + intake).path("status")));
        }
    }

    private static Integer get(Future<Integer> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle);
    }

    @Test
    void givenThePage_thenItRunsOnlyItsOwnScripts_isNeverFramedNorCached_andEveryAnswerSaysNosniff() {
        var page = given().redirects().follow(false).get("/workbench/").then().statusCode(200).extract();
        String csp = page.header("Content-Security-Policy");
        String nonce = csp.replaceAll(".*'nonce-([^']+)'.*", "$1");

        assertThat(csp).contains("'strict-dynamic'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'")
                .doesNotContain("script-src 'unsafe-inline'");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        // Every script of the page carries this answer's nonce, and another answer has another.
        assertThat(page.asString()).contains("<script nonce=\"" + nonce + "\" ").doesNotContain("<script src").doesNotContain("<script type");
        assertThat(given().get("/workbench/").header("Content-Security-Policy")).isNotEqualTo(csp);
        assertThat(given().get("/workbench/workbench.js").header("Cache-Control")).isEqualTo("no-cache");
        assertThat(given().redirects().follow(false).get("/workbench").then().statusCode(303).extract().header("Location")).endsWith("/workbench/");
        var api = alice().get("/api/workbench/files").then().extract();
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void givenDrafts_thenListedWithoutTheirContents_andLimitedInSizeAndCountPerAuthor() {
        String id = alice().body(Map.of("files", Map.of("rules/b2b/listed.drl", "// secret-looking content 7c1d"))).post("/api/workbench/drafts")
                .then().statusCode(201).extract().path("id");
        String listing = alice().get("/api/workbench/drafts").then().statusCode(200).extract().asString();
        assertThat(listing).contains(id, "rules/b2b/listed.drl").doesNotContain("secret-looking content");
        // A draft grows by updates (each body is bounded on its own) until it would pass the limit: that update is refused.
        String part = "// " + "y".repeat(199_997);
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(alice().body(Map.of("files", Map.of("rules/b2b/p" + i + ".drl", part))).put("/api/workbench/drafts/" + id).statusCode());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 413, 413);
        assertThat(alice().body(Map.of("files", Map.of("rules/b2b/p9.drl", part))).put("/api/workbench/drafts/" + id).then().extract()
                .<String>path("error")).isEqualTo("draft_too_large");
        alice().delete("/api/workbench/drafts/" + id).then().statusCode(204);

        List<String> made = new java.util.ArrayList<>();
        int status = 201;
        for (int i = 0; i < Workbench.MAX_DRAFTS_PER_AUTHOR + 1 && status == 201; i++) {
            var answer = alice().body(Map.of("files", Map.of("rules/b2b/n.drl", "// " + i))).post("/api/workbench/drafts").then().extract();
            status = answer.statusCode();
            if (status == 201) {
                made.add(answer.path("id"));
            }
        }
        assertThat(status).isEqualTo(429);
        made.forEach(d -> alice().delete("/api/workbench/drafts/" + d).then().statusCode(204));
    }

    @Test
    void givenAPointTableWithFormulas_thenRefusedWhenChecked_andItsCsvDownloadedInert() {
        String table = "axis,field,value,points,reason\nfit,company,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",5,@SUM(1)\nfit,employee_count,-5,-3,-tab\n";

        String csv = alice().body(Map.of("name", "t", "csv", table)).post("/api/workbench/point-tables/to-csv").then().statusCode(200).extract().asString();
        assertThat(csv).contains("'=HYPERLINK", "'@SUM(1)", "'-tab").contains(",-5,-3,");

        JsonPath checked = alice().body(Map.of("files", Map.of("rules/b2b/formula.csv", table))).post("/api/workbench/validate").then().statusCode(200)
                .extract().jsonPath();
        assertThat(checked.getBoolean("valid")).isFalse();
        assertThat(checked.getString("problems[0].message")).contains("row 2, column value: starts with =");
    }

    @Test
    void givenManyValidationsAtOnce_thenEachIsAnsweredWithItsOwnResult_andNoneFails() throws Exception {
        String extra = "package b2b;\nimport org.leadscoring.scoring.Prospect;\nrule \"Concurrent %d\" @fit(%d)\nwhen\n    Prospect( company == \"C%d\" )\nthen end\n";
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<JsonPath>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                // Every other one is broken, so a build that took another's module would answer the wrong way.
                String content = n % 2 == 0 ? String.format(extra, n, n + 1, n) : "package b2b;\nrule \"Broken " + n + "\" when Prospect( then end\n";
                Callable<JsonPath> call = () -> alice().body(Map.of("files", Map.of("rules/b2b/concurrent" + n + ".drl", content)))
                        .post("/api/workbench/validate").then().statusCode(200).extract().jsonPath();
                answers.add(pool.submit(call));
            }
            for (int i = 0; i < answers.size(); i++) {
                JsonPath answer = answers.get(i).get();
                assertThat(answer.getBoolean("valid")).as("validation %d", i).isEqualTo(i % 2 == 0);
                if (i % 2 != 0) {
                    assertThat(answer.getString("problems[0].file")).isEqualTo("b2b/concurrent" + i + ".drl");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
