package org.leadscoring.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.ApiContract;
import org.leadscoring.TestApi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The API's document ({@code /q/openapi}) as integrators read it: valid OpenAPI, every operation tagged for its audience,
 * with the key it takes and the error shape on its errors, and nothing listed that is not served. (That every answer
 * the suite reads is as documented is checked on each answer: {@link ApiContract}.)
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Set<String> AUDIENCES = Set.of("Zapier intake", "Scoring", "Workbench", "Reports", "Operations");

    JsonNode document;
    String base;

    @BeforeEach
    void read() throws Exception {
        TestApi.useKey();
        base = "http://localhost:" + RestAssured.port;
        document = new ObjectMapper().readTree(ApiContract.document(base));
    }

    @Test
    void givenTheServedDocument_thenItIsValidOpenApi_withBothKeysAsSecuritySchemes() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(document.toString(), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(document.at("/components/securitySchemes/api_key/name").asText()).isEqualTo("X-API-Key");
        assertThat(document.at("/components/securitySchemes/admin_key/name").asText()).isEqualTo("X-Admin-Key");
        assertThat(document.at("/components/schemas/Error/required").toString()).contains("error", "message");
    }

    @Test
    void givenEveryOperation_thenItHasItsAudience_itsKey_andTheErrorShapeOnEveryError() {
        List<String> problems = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (operation.path("tags").size() != 1 || !AUDIENCES.contains(operation.path("tags").get(0).asText())) {
                problems.add(where + ": tags " + operation.path("tags"));
            }
            String security = operation.path("security").toString();
            ApiKeyFilter.Access access = ApiKeyFilter.access(op.getKey().toUpperCase(), successor(path.getKey()));
            if (security.contains("api_key") != (access != ApiKeyFilter.Access.ADMIN_KEY)
                    || security.contains("admin_key") != (access != ApiKeyFilter.Access.API_KEY)) {
                problems.add(where + ": security " + security + " for " + access);
            }
            for (String status : List.of("401", "429", "500")) {
                if (operation.path("responses").path(status).isMissingNode()) {
                    problems.add(where + ": no " + status);
                }
            }
            operation.path("responses").fields().forEachRemaining(r -> {
                String ref = r.getValue().at("/content/application~1json/schema/$ref").asText();
                boolean intakeAnswer = path.getKey().startsWith("/api/zapier/prospects") || path.getKey().startsWith("/api/zapier/activities")
                        || path.getKey().startsWith("/api/zapier/leads") || path.getKey().startsWith("/api/zapier/events");
                if (r.getKey().matches("[45]\\d\\d") && !ref.endsWith("/Error") && !(intakeAnswer && ref.endsWith("/IntakeAnswer"))) {
                    problems.add(where + ": " + r.getKey() + " answers " + r.getValue());
                }
            });
            if (operation.has("requestBody") && operation.path("responses").path("413").isMissingNode()) {
                problems.add(where + ": reads a body, no 413");
            }
        }));
        assertThat(problems).isEmpty();
        assertThat(document.get("paths").has("/api/bench/echo")).as("served to benchmarks only").isFalse();
        assertThat(document.at("/paths/~1api~1zapier~1leads/post/deprecated").asBoolean()).as("an old path, still served").isTrue();
    }

    /** The path an old one is served by ({@link PathAliases}), as the key filter sees it. */
    private static String successor(String path) {
        for (Map.Entry<String, String> renamed : PathAliases.RENAMED.entrySet()) {
            if (path.equals(renamed.getKey()) || path.startsWith(renamed.getKey() + "/")) {
                return renamed.getValue() + path.substring(renamed.getKey().length());
            }
        }
        return path;
    }

    @Test
    void givenTheIntakeBodies_thenTheyAreDocumentedAsTheProspectsFields() {
        JsonNode fields = document.at("/components/schemas/ProspectIntake/properties");
        for (String field : List.of("email", "first_name", "employee_count", "annual_revenue", "purchased", "activity", "activity_at")) {
            assertThat(fields.has(field)).as(field).isTrue();
        }
        assertThat(document.at("/paths/~1api~1zapier~1prospects/post/requestBody/content").has("application/x-www-form-urlencoded")).isTrue();
        // POST /api/score's prospect takes counts and amounts as text too ("51-200", "$10M"): a number or a string.
        for (String field : List.of("employee_count", "annual_revenue", "purchase_amount")) {
            JsonNode property = document.at("/components/schemas/Prospect/properties/" + field);
            assertThat(property.has("type")).as(field).isFalse();
            assertThat(property.path("anyOf").toString()).as(field).contains("\"string\"");
        }
    }

    @Test
    void givenAnswersUnlikeTheDocument_thenTheCheckOfEveryAnswerSaysWhatDiffers() {
        String real = given().contentType(ContentType.JSON).body("{\"prospect\":{\"email\":\"ann@northwind.io\"}}").post("/api/score").asString();
        URI score = URI.create(base + "/api/score");

        assertThat(ApiContract.problems(score, "POST", 200, "application/json", real)).isEmpty();
        assertThat(ApiContract.problems(score, "POST", 200, "application/json", real.replaceFirst("\\{", "{\"surprise\":1,")))
                .anySatisfy(p -> assertThat(p).contains("surprise"));
        assertThat(ApiContract.problems(score, "POST", 418, "application/json", "{\"error\":\"x\",\"message\":\"y\"}"))
                .anySatisfy(p -> assertThat(p).contains("418"));
        assertThat(ApiContract.problems(score, "POST", 400, "application/json", "{\"message\":\"no code\"}")).isNotEmpty();
        assertThat(ApiContract.problems(URI.create(base + "/api/nowhere"), "GET", 200, "application/json", "{}")).isNotEmpty();
        assertThat(ApiContract.problems(URI.create(base + "/api/nowhere"), "GET", 404, "application/json",
                "{\"error\":\"not_found\",\"message\":\"x\"}")).isEmpty();
    }

    @Test
    void givenTheRecordedExamples_thenEachIsARealAnswerStillAsDocumented() {
        List<String> problems = new ArrayList<>();
        List<String> recorded = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> op.getValue()
                .path("responses").fields().forEachRemaining(r -> {
                    JsonNode example = r.getValue().at("/content/application~1json/examples/recorded/value");
                    if (!example.isMissingNode()) {
                        String where = op.getKey().toUpperCase() + " " + path.getKey() + " " + r.getKey();
                        recorded.add(where);
                        URI uri = URI.create(base + path.getKey().replaceAll("\\{[^}]+}", "x"));
                        ApiContract.problems(uri, op.getKey().toUpperCase(), Integer.parseInt(r.getKey()), "application/json", example.toString())
                                .forEach(p -> problems.add(where + ": " + p));
                    }
                })));
        assertThat(problems).as("examples no longer as documented: run scripts/record-api-examples").isEmpty();
        assertThat(recorded).contains("POST /api/score 200", "POST /api/score 400", "POST /api/zapier/prospects 200", "GET /api/models 200",
                "GET /api/zapier/fields 200", "POST /api/workbench/drafts 201", "GET /api/prospects/{email} 200");
    }

    @Test
    void givenTheDefaultSettings_thenSwaggerUiIsNotServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(404);
    }
}
