package org.leadscoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import io.restassured.filter.Filter;
import io.restassured.response.Response;

/**
 * Every answer a test reads from {@code /api/**} through REST Assured is validated against the document the service
 * serves at {@code /q/openapi} (Atlassian's swagger-request-validator): its status must be declared, its body must
 * match the declared schema (no property the document does not name), and an operation that answers must be in the
 * document. So the document cannot drift from the code. Requests are not validated: tests send wrong ones on purpose.
 */
public final class ApiContract {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

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
        ValidationReport report = validator(uri).validate(request, built.build());
        boolean notServed = status == 404 || status == 405;
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !(notServed && (m.getKey().equals("validation.request.path.missing")
                        || m.getKey().equals("validation.request.operation.notAllowed"))))
                .map(m -> m.getKey() + ": " + m.getMessage() + (m.getContext().flatMap(c -> c.getPointers()).map(p -> " at " + p.getInstance())
                        .orElse("")))
                .toList();
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
    static OpenApiInteractionValidator validator(URI uri) {
        String base = uri.getScheme() + "://" + uri.getAuthority();
        return VALIDATORS.computeIfAbsent(base, b -> OpenApiInteractionValidator.createForInlineApiSpecification(document(b))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
                        .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
                        .build())
                .build());
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
