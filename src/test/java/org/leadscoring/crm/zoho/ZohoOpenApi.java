package org.leadscoring.crm.zoho;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Checks the requests the client sends against Zoho's official OpenAPI files ({@code ../shared/zoho-oas/v8.0}),
 * strictly. Where the files are not beside the project (a clone outside this workplace), checking is skipped.
 */
final class ZohoOpenApi {

    private static final Logger LOG = Logger.getLogger(ZohoOpenApi.class);
    static final Path SPECS = Path.of("..", "shared", "zoho-oas", "v8.0");
    private static volatile List<OpenApiInteractionValidator> validators;

    private ZohoOpenApi() {
    }

    static boolean available() {
        return Files.isRegularFile(SPECS.resolve("record.json"));
    }

    /** The problems with a request, empty when it conforms or when the specifications are not available. */
    static List<String> check(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        if (!available()) {
            return List.of();
        }
        if (path.equals("/crm/v8/settings/fields")) {
            // fields.json's self-referencing schemas overflow the validator's loader: its one operation is checked here,
            // as the file describes it (GET, the module required; the type optional).
            return method.equals("GET") && query.containsKey("module") ? List.of()
                    : List.of(method + " " + path + ": fields.json wants GET with the module parameter");
        }
        SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach(builder::withQueryParam);
        headers.forEach(builder::withHeader);
        if (body != null && !body.isEmpty()) {
            builder.withBody(body);
        }
        SimpleRequest request = builder.build();
        for (OpenApiInteractionValidator validator : validators()) {
            ValidationReport report = validator.validateRequest(request);
            boolean unknownPath = report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing"));
            if (!unknownPath) {
                List<String> problems = new ArrayList<>();
                report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                        .forEach(m -> problems.add(method + " " + path + ": " + m.getKey() + " " + m.getMessage()));
                return problems;
            }
        }
        return List.of(method + " " + path + ": not in Zoho's OpenAPI files");
    }

    private static List<OpenApiInteractionValidator> validators() {
        if (validators == null) {
            synchronized (ZohoOpenApi.class) {
                if (validators == null) {
                    List<OpenApiInteractionValidator> list = new ArrayList<>();
                    // Most specific first: record.json's /crm/v8/{module_api_name} would also claim /crm/v8/coql.
                    for (String file : List.of("coql.json", "convert_lead.json", "record.json")) {
                        list.add(OpenApiInteractionValidator.createForSpecificationUrl(SPECS.resolve(file).toAbsolutePath().toUri().toString())
                                .withLevelResolver(LevelResolver.create()
                                        // Requests are checked; responses are the fake's own and only approximated by the files.
                                        .withLevel("validation.response", ValidationReport.Level.IGNORE)
                                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                                        .build())
                                .build());
                    }
                    LOG.info("Validating fake Zoho traffic against " + SPECS.toAbsolutePath().normalize());
                    validators = list;
                }
            }
        }
        return validators;
    }
}
