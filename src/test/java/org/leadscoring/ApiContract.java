package org.leadscoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.filter.Filter;
import io.restassured.response.Response;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Every answer a test reads from {@code /api/**} through REST Assured is validated against the document the service
 * serves at {@code /q/openapi} (Atlassian's swagger-request-validator): its status must be declared, its body must
 * match the declared schema (no property the document does not name), and an operation that answers must be in the
 * document. So the document cannot drift from the code. Requests are not validated: tests send wrong ones on purpose.
 */
public final class ApiContract {

    private static final Map<String, Service> SERVICES = new ConcurrentHashMap<>();

    /** The service's document, as a validator and as the operations its paths match. */
    private record Service(OpenApiInteractionValidator validator, ApiOperationResolver operations) {
    }

    /**
     * The first answer of each operation and status the suite reads, that is as documented and small enough to show:
     * written to {@code target/api-examples.json} when the test JVM ends, which {@code scripts/record-api-examples}
     * copies to {@code src/main/resources/openapi/examples.json}, the document's examples ({@code OpenApiContract}).
     */
    private static final Map<String, String> EXAMPLES = new ConcurrentSkipListMap<>();
    private static final int MAX_EXAMPLE_CHARS = 8_000;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ApiContract::writeExamples, "api-examples"));
    }

    /** Checks each answer; the test that read an answer the document does not describe fails, saying what differs. */
    public static final Filter FILTER = (request, response, ctx) -> {
        Response answer = ctx.next(request, response);
        URI uri = URI.create(request.getURI());
        if (uri.getPath().startsWith("/api/")) {
            List<String> problems = problems(uri, request.getMethod(), answer.statusCode(), answer.contentType(), answer.asString());
            if (!problems.isEmpty()) {
                throw new AssertionError(request.getMethod() + " " + uri.getPath() + " answered " + answer.statusCode()
                        + " unlike the API's document (/q/openapi):\n  " + String.join("\n  ", problems));
            }
        }
        return answer;
    };

    private ApiContract() {
    }

    /** What differs between an answer and the document; empty when the answer is as documented. */
    public static List<String> problems(URI uri, String method, int status, String contentType, String body) {
        SimpleRequest request = new SimpleRequest.Builder(Request.Method.valueOf(method), documented(uri.getRawPath())).build();
        SimpleResponse.Builder built = SimpleResponse.Builder.status(status);
        if (contentType != null && !contentType.isEmpty()) {
            built.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            built.withBody(body);
        }
        Service service = service(uri);
        ValidationReport report = service.validator().validate(request, built.build());
        boolean notServed = status == 404 || status == 405;
        List<String> problems = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !(notServed && (m.getKey().equals("validation.request.path.missing")
                        || m.getKey().equals("validation.request.operation.notAllowed"))))
                .map(m -> m.getKey() + ": " + m.getMessage() + (m.getContext().flatMap(c -> c.getPointers()).map(p -> " at " + p.getInstance())
                        .orElse("")))
                .toList();
        if (problems.isEmpty() && body != null && body.length() <= MAX_EXAMPLE_CHARS && (body.startsWith("{") || body.startsWith("[")) && body.length() > 2) {
            ApiOperationMatch match = service.operations().findApiOperation(request.getPath(), request.getMethod());
            if (match.isPathFound() && match.isOperationAllowed()) {
                EXAMPLES.putIfAbsent(method.toUpperCase() + " " + match.getApiOperation().getApiPath().original() + " " + status, body);
            }
        }
        return problems;
    }

    /**
     * Adds this class's examples to the file, keeping those already there. Each Quarkus restart (another test profile)
     * loads this class anew, with its own examples and its own hook, and the hooks run at once when the JVM ends: they
     * take turns on {@code System.class}, which the JVM loads once.
     */
    private static void writeExamples() {
        if (EXAMPLES.isEmpty()) {
            return;
        }
        ObjectMapper json = new ObjectMapper();
        Path file = Path.of("target", "api-examples.json");
        synchronized (System.class) {
            try {
                Map<String, JsonNode> all = new java.util.TreeMap<>();
                if (Files.exists(file)) {
                    json.readTree(file.toFile()).fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue()));
                }
                for (Map.Entry<String, String> e : EXAMPLES.entrySet()) {
                    if (!all.containsKey(e.getKey())) {
                        all.put(e.getKey(), json.readTree(e.getValue()));
                    }
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(all) + "\n");
            } catch (java.io.IOException e) {
                System.err.println("api-examples: " + e);
            }
        }
    }

    /**
     * The path as the document has it: a live file's name keeps its slashes in the path
     * ({@code /api/workbench/files/rules/b2b/fit.drl}), which an OpenAPI path parameter cannot say; it is matched encoded.
     */
    private static String documented(String path) {
        String files = "/api/workbench/files/";
        return path.startsWith(files) ? files + path.substring(files.length()).replace("/", "%2F") : path;
    }

    /** The validator for the service at this address, built once from the document it serves. */
    private static Service service(URI uri) {
        String base = uri.getScheme() + "://" + uri.getAuthority();
        return SERVICES.computeIfAbsent(base, b -> {
            String document = document(b);
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
                            .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
                            .build())
                    .build();
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            return new Service(validator, new ApiOperationResolver(new OpenAPIParser().readContents(document, null, options).getOpenAPI(), null, false));
        });
    }

    /** The document the service serves, as JSON. */
    public static String document(String base) {
        try {
            HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (served.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + served.statusCode());
            }
            return served.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the API's document at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
