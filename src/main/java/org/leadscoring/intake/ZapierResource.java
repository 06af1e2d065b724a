package org.leadscoring.intake;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.leadscoring.api.ApiKeyFilter;
import org.leadscoring.store.IntakeKind;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What Zaps call: {@code POST /api/zapier/prospects} for a prospect, {@code POST /api/zapier/activities} for
 * something a prospect did. Both take JSON or form bodies and answer one flat JSON object. (Their names before 0.2,
 * {@code /leads} and {@code /events}, still answer: see {@link org.leadscoring.api.PathAliases}.)
 */
@Path("/api/zapier")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "200", description = "Done: scored, decided and written to Zoho CRM (or rejected).",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeSync.IntakeResponse.class)))
@APIResponse(responseCode = "202", description = "Accepted and decided; the write to Zoho CRM is queued (Zoho is slow or down): "
        + "GET /api/intakes/{id} follows it.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeSync.IntakeResponse.class)))
@APIResponse(responseCode = "409", description = "Zoho CRM holds this person's data in another person's record: nothing was written.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeSync.IntakeResponse.class)))
@APIResponse(responseCode = "502", description = "Zoho CRM refused the data: the reasons say why; nothing will be retried.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntakeSync.IntakeResponse.class)))
@APIResponse(responseCode = "422")
@APIResponse(responseCode = "503")
public class ZapierResource {

    private final IntakeService intake;
    private final IntakeConfig config;
    private final ObjectMapper json;
    private final org.leadscoring.config.LeadScoringConfig leadScoring;

    @Inject
    ZapierResource(IntakeService intake, IntakeConfig config, ObjectMapper json, org.leadscoring.config.LeadScoringConfig leadScoring) {
        this.intake = intake;
        this.config = config;
        this.json = json;
        this.leadScoring = leadScoring;
    }

    private PayloadParser parser;

    @PostConstruct
    void init() {
        var limits = leadScoring.limits();
        parser = new PayloadParser(new FieldAliases(config.aliases()), json,
                new PayloadParser.Limits(limits.maxFields(), limits.maxKeyLength(), limits.maxValueLength()));
    }

    @POST
    @Path("/prospects")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response prospectJson(java.io.InputStream body, @HeaderParam("Idempotency-Key") String key, @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return prospect(parser.fromJson(new String(withinLimit(body), java.nio.charset.StandardCharsets.UTF_8)), IdempotencyKey.of(key, apiKey));
    }

    @POST
    @Path("/prospects")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response prospectForm(java.io.InputStream form, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return prospect(parser.fromForm(FormBody.parse(withinLimit(form), charsetOf(type))), IdempotencyKey.of(key, apiKey));
    }

    @POST
    @Path("/activities")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response activityJson(java.io.InputStream body, @HeaderParam("Idempotency-Key") String key, @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return activity(parser.fromJson(new String(withinLimit(body), java.nio.charset.StandardCharsets.UTF_8)), IdempotencyKey.of(key, apiKey));
    }

    @POST
    @Path("/activities")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response activityForm(java.io.InputStream form, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return activity(parser.fromForm(FormBody.parse(withinLimit(form), charsetOf(type))), IdempotencyKey.of(key, apiKey));
    }

    private Response prospect(Map<String, Object> fields, IdempotencyKey key) {
        return answer(intake.submit(IntakeKind.PROSPECT, parser.prospect(fields, config.defaultActivity()), key));
    }

    private Response activity(Map<String, Object> fields, IdempotencyKey key) {
        return answer(intake.submit(IntakeKind.ACTIVITY, parser.activity(fields), key));
    }

    private byte[] withinLimit(java.io.InputStream body) {
        return org.leadscoring.api.BoundedBody.readAll(body, leadScoring.limits().maxBodyBytes());
    }

    /** The charset a form names, or UTF-8, which Zapier sends without naming it. */
    private static java.nio.charset.Charset charsetOf(String contentType) {
        String charset = contentType == null ? null : MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return charset == null ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(charset);
        } catch (IllegalArgumentException unknown) {
            throw new org.leadscoring.api.InvalidRequestException("Content-Type", "names a charset this service does not know");
        }
    }

    static Response answer(IntakeAnswer answer) {
        return Response.status(answer.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(answer.json()).build();
    }
}
