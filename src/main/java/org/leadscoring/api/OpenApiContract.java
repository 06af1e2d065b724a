package org.leadscoring.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What the API's document ({@code /q/openapi}) says about every operation that the code cannot say one by one, from
 * the same rules the service applies: the key each path takes ({@link ApiKeyFilter#access}, both security schemes),
 * the audience it serves (a tag per path prefix), and the one error shape ({@link ApiError}) on every 4xx and 5xx it
 * can answer — 401 and 429 (the key filter), 500 (the last-resort mapper), 403 where an admin key is taken, 400 where
 * it reads a body or parameters, 408, 413 and 415 where it reads a body ({@code BodyLimitRoute}, the content-type
 * filter), 404 where a path names a thing. Statuses an operation declares itself (409, 422, 503…) get the error shape
 * when they declare none. Answers the test suite gets are validated against the result ({@code ApiContract}).
 * <p>A little over ~300 lines on purpose: it is the one place that says what every operation of the API shares, and
 * each rule reads against the others (a status added here must have the error shape added here too).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

    static final String ERROR = "Error";
    static final String API_KEY = "api_key";
    static final String ADMIN_KEY = "admin_key";
    static final String SIGN_IN = "sign_in";

    /** Who an operation is for: its tag, what the tag says, and the path prefixes (each ending in "/") it covers. */
    private enum Audience {
        ZAPIER("Zapier intake", "What Zaps send: prospects and activities scored, decided and written to Zoho CRM; REST hooks and polling triggers.",
                "/api/zapier/", "/api/intakes/"),
        SCORING("Scoring", "Scores without side effects, the models and the rule set served, and what is known of a prospect.",
                "/api/score/", "/api/models/", "/api/rules/", "/api/prospects/"),
        WORKBENCH("Workbench", "The rules workbench: files, drafts, checks, impact, publishing and versions. Takes an admin key.",
                "/api/workbench/"),
        REPORTS("Reports", "Whether the rules work: outcomes synced from Zoho and the calibration report.", "/api/reports/", "/api/outcomes/"),
        OPERATIONS("Operations", "Re-scoring runs and who the key belongs to.", "/api/rescoring/", "/api/me/");

        final String tag;
        final String description;
        final List<String> prefixes;

        Audience(String tag, String description, String... prefixes) {
            this.tag = tag;
            this.description = description;
            this.prefixes = List.of(prefixes);
        }

        static java.util.Optional<Audience> of(String path) {
            return java.util.Arrays.stream(values()).filter(a -> a.prefixes.stream().anyMatch((path + "/")::startsWith)).findFirst();
        }
    }

    private static final Map<String, String> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", "The request is invalid: `fields` names each field at fault by its JSON path.");
        ERRORS.put("401", "No key, or a key that is not valid.");
        ERRORS.put("403", "The rules workbench is off (no admin key or sign-in is set up), or the person signed in lacks the role this needs.");
        ERRORS.put("404", "Nothing by that name or id.");
        ERRORS.put("408", "The body did not arrive within the body timeout.");
        ERRORS.put("409", "In conflict with the state of the service or of the CRM.");
        ERRORS.put("413", "The body is larger than the service accepts.");
        ERRORS.put("415", "The body is not of a type this operation reads.");
        ERRORS.put("422", "The Idempotency-Key was used before with another body.");
        ERRORS.put("429", "Too many requests (or too many wrong keys) from this client: retry after the Retry-After header's seconds.");
        ERRORS.put("500", "The service failed; it has been logged.");
        ERRORS.put("503", "The service cannot score now (no rule set, or scoring took too long): retry later.");
    }

    /**
     * A property documented as one of several types ({@code anyOf}: counts and amounts forms send as text) takes them
     * from there alone; the type the generator reads off the Java field would otherwise refuse the text.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getAnyOf() != null && !schema.getAnyOf().isEmpty() && schema.getType() != null) {
            schema.setType(null);
            schema.setFormat(null);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents()
                .addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                        .name(ApiKeyFilter.HEADER).description("The API key Zaps and scripts use (leadscoring.api-key or data/api-key)."))
                .addSecurityScheme(ADMIN_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                        .name(AdminKeys.HEADER).description("An admin key, name:secret (leadscoring.admin-key): the rules workbench."))
                .addSecurityScheme(SIGN_IN, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from the company's OpenID Connect provider (when sign-in is set up): a person with"
                                + " the role viewer, editor or publisher (README \"Signing in\"). The workbench page uses the session cookie"
                                + " of /workbench/sign-in instead."))
                .addSchema(ERROR, errorSchema());
        List<Tag> tags = new ArrayList<>();
        for (Audience audience : Audience.values()) {
            tags.add(OASFactory.createTag().name(audience.tag).description(audience.description));
        }
        api.setTags(tags);
        if (api.getPaths() == null) {
            return;
        }
        api.getComponents().addSchema(PROSPECT_INTAKE, prospectIntake()).addSchema(ACTIVITY_INTAKE, activityIntake());
        intakeBody(api, "/api/zapier/prospects", PROSPECT_INTAKE);
        intakeBody(api, "/api/zapier/activities", ACTIVITY_INTAKE);
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> describe(path, method, operation)));
        addExamples(api);
        // The paths before 0.2 still answer (PathAliases): the same operations, marked deprecated.
        PathAliases.RENAMED.forEach((old, now) -> List.copyOf(api.getPaths().getPathItems().entrySet()).stream()
                .filter(e -> e.getKey().equals(now) || e.getKey().startsWith(now + "/"))
                .forEach(e -> api.getPaths().addPathItem(old + e.getKey().substring(now.length()), deprecated(e.getValue(), e.getKey()))));
    }

    /** Where the real answers the test suite recorded are kept ({@code scripts/record-api-examples} writes it). */
    static final String EXAMPLES = "/openapi/examples.json";

    /**
     * Each recorded answer ("POST /api/score 200" → the body) as the example of its operation's answer with that
     * status: real answers, never written by hand, so an example shows what the service really says.
     */
    private static void addExamples(OpenAPI api) {
        ObjectMapper json = new ObjectMapper();
        JsonNode examples;
        try (var in = OpenApiContract.class.getResourceAsStream(EXAMPLES)) {
            if (in == null) {
                return;
            }
            examples = json.readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + EXAMPLES, e);
        }
        examples.fields().forEachRemaining(e -> {
            String[] key = e.getKey().split(" ");
            PathItem item = api.getPaths().getPathItem(key[1]);
            Operation operation = item == null ? null : item.getOperations().get(PathItem.HttpMethod.valueOf(key[0]));
            APIResponse response = operation == null || operation.getResponses() == null ? null : operation.getResponses().getAPIResponse(key[2]);
            MediaType media = response == null || response.getContent() == null ? null : response.getContent().getMediaType("application/json");
            if (media != null) {
                media.addExample("recorded", OASFactory.createExample().summary("A real answer, recorded by the test suite")
                        .value(json.convertValue(e.getValue(), Object.class)));
            }
        });
    }

    private static PathItem deprecated(PathItem item, String successor) {
        PathItem copy = OASFactory.createPathItem();
        item.getOperations().forEach((method, o) -> copy.setOperation(method, OASFactory.createOperation().deprecated(true)
                .summary(o.getSummary()).description("Deprecated: the path before 0.2. Use " + successor + ".")
                .parameters(o.getParameters()).requestBody(o.getRequestBody()).responses(o.getResponses()).tags(o.getTags())
                .security(o.getSecurity())));
        return copy;
    }

    static final String PROSPECT_INTAKE = "ProspectIntake";
    static final String ACTIVITY_INTAKE = "ActivityIntake";

    /** The intake bodies are read field by field (aliases, flat or nested, text or typed): documented as the fields they hold. */
    private static void intakeBody(OpenAPI api, String path, String schema) {
        PathItem item = api.getPaths().getPathItem(path);
        if (item == null || item.getPOST() == null) {
            return;
        }
        Content content = OASFactory.createContent();
        for (String type : List.of("application/json", "application/x-www-form-urlencoded")) {
            content.addMediaType(type, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema)));
        }
        item.getPOST().setRequestBody(OASFactory.createRequestBody().required(true).content(content));
    }

    /** A prospect's fields as forms send them, from {@link org.leadscoring.scoring.ProspectFields}: the one list. */
    private static Schema prospectIntake() {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).required(List.of("email"))
                .description("A prospect's fields as a JSON object (or a list of one, or flattened a__b keys) or a form. Field names may be "
                        + "the ones below or their aliases (\"First Name\", \"Company Size\"…, leadscoring.intake.aliases); every other field is "
                        + "kept as a custom attribute. Values may be text as forms send them: \"51-200\", \"$10M\", \"yes\".")
                .additionalPropertiesSchema(OASFactory.createSchema());
        for (var field : org.leadscoring.scoring.ProspectFields.all()) {
            schema.addProperty(field.name(), fieldSchema(field.type()));
        }
        schema.addProperty("activity", text("What the prospect did, e.g. web_form, newsletter_signup, purchase (default: the service's)."));
        schema.addProperty("activity_at", text("When: ISO-8601 or epoch seconds/milliseconds (default: now)."));
        schema.addProperty("model", text("The scoring model (default: leadscoring.default-model)."));
        return schema;
    }

    private static Schema activityIntake() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).required(List.of("email", "activity"))
                .description("Something a known prospect did. Every field besides these is kept as a property of the activity.")
                .addProperty("email", text("The prospect's email."))
                .addProperty("activity", text("What happened, e.g. webinar_attended (also read from `type`)."))
                .addProperty("activity_at", text("When: ISO-8601 or epoch seconds/milliseconds (default: now)."))
                .addProperty("model", text("The scoring model (default: leadscoring.default-model)."))
                .addProperty("properties", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT))
                .additionalPropertiesSchema(OASFactory.createSchema());
    }

    private static Schema fieldSchema(Class<?> type) {
        Schema schema = OASFactory.createSchema();
        if (type == String.class) {
            return schema.addType(Schema.SchemaType.STRING);
        }
        if (Number.class.isAssignableFrom(type)) {
            return schema.addType(Schema.SchemaType.NUMBER).addType(Schema.SchemaType.STRING)
                    .description("A number, or text as forms write it: \"1,200\", \"51-200\", \"1,000+\", \"$10M\", \"€2,5 Mio.\".");
        }
        if (type == Boolean.class || type == boolean.class) {
            return schema.addType(Schema.SchemaType.BOOLEAN).addType(Schema.SchemaType.STRING).description("true or false, or yes/no, on/off, 1/0.");
        }
        return schema.addType(Schema.SchemaType.OBJECT);
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        Audience.of(path).ifPresent(audience -> operation.setTags(new ArrayList<>(List.of(audience.tag))));
        ApiKeyFilter.Access access = ApiKeyFilter.access(method.name(), path);
        List<SecurityRequirement> security = new ArrayList<>();
        if (access != ApiKeyFilter.Access.ADMIN_KEY) {
            security.add(OASFactory.createSecurityRequirement().addScheme(API_KEY));
        }
        if (access != ApiKeyFilter.Access.API_KEY) {
            security.add(OASFactory.createSecurityRequirement().addScheme(ADMIN_KEY));
            security.add(OASFactory.createSecurityRequirement().addScheme(SIGN_IN));
        }
        operation.setSecurity(security);
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        List<String> statuses = new ArrayList<>(List.of("401", "429", "500"));
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (access != ApiKeyFilter.Access.API_KEY) {
            statuses.add("403");
        }
        if (body || !parameters.isEmpty()) {
            statuses.add("400");
        }
        if (body) {
            statuses.addAll(List.of("408", "413", "415"));
        }
        if (path.contains("{")) {
            statuses.add("404");
        }
        for (String status : statuses) {
            if (operation.getResponses().getAPIResponse(status) == null) {
                operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(ERRORS.get(status)));
            }
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && !hasContent(response)) {
                response.setContent(errorContent());
                if (response.getDescription() == null || response.getDescription().isBlank()) {
                    response.setDescription(ERRORS.getOrDefault(status, "An error."));
                }
            }
        });
    }

    private static boolean hasContent(APIResponse response) {
        return response.getContent() != null && response.getContent().getMediaTypes() != null && !response.getContent().getMediaTypes().isEmpty();
    }

    private static Content errorContent() {
        MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR));
        return OASFactory.createContent().addMediaType("application/json", json);
    }

    /** {@link ApiError} as JSON: written here because no operation returns it, every one may answer it. */
    private static Schema errorSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema field = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The JSON path of the field at fault: prospect.email, activities[2].at, a header's name."))
                .addProperty("message", text).required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("Every error the API answers: a stable code, a message a person can act on, the fields at fault where there are any.")
                .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("A stable code: invalid_request, unauthorized, too_many_requests, body_too_large, not_found…"))
                .addProperty("message", text)
                .addProperty("fields", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(field))
                .addProperty("problems", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Rules that do not load (the workbench's 422): each with its file, line and message.")
                        .items(OASFactory.createSchema().ref("BuildProblem")))
                .required(List.of("error", "message"));
    }
}
