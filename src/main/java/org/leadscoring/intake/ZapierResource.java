package org.leadscoring.intake;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.leadscoring.api.ApiKeyFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What Zaps call: {@code POST /api/zapier/leads} for a prospect, {@code POST /api/zapier/events} for something a
 * prospect did. Both take JSON or form bodies and answer one flat JSON object.
 */
@Path("/api/zapier")
@Produces(MediaType.APPLICATION_JSON)
public class ZapierResource {

    @Inject
    IntakeService intake;

    @Inject
    IntakeConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    org.leadscoring.config.LeadScoringConfig leadScoring;

    private PayloadParser parser;

    @PostConstruct
    void init() {
        var limits = leadScoring.limits();
        parser = new PayloadParser(new FieldAliases(config.aliases()), json,
                new PayloadParser.Limits(limits.maxFields(), limits.maxKeyLength(), limits.maxValueLength()));
    }

    @POST
    @Path("/leads")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response leadJson(String body, @HeaderParam("Idempotency-Key") String key, @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return lead(parser.fromJson(withinLimit(body)), IdempotencyKey.of(key, apiKey));
    }

    @POST
    @Path("/leads")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response leadForm(byte[] form, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return lead(parser.fromForm(FormBody.parse(withinLimit(form), charsetOf(type))), IdempotencyKey.of(key, apiKey));
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response eventJson(String body, @HeaderParam("Idempotency-Key") String key, @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return event(parser.fromJson(withinLimit(body)), IdempotencyKey.of(key, apiKey));
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response eventForm(byte[] form, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @HeaderParam("Idempotency-Key") String key,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return event(parser.fromForm(FormBody.parse(withinLimit(form), charsetOf(type))), IdempotencyKey.of(key, apiKey));
    }

    private Response lead(Map<String, Object> fields, IdempotencyKey key) {
        return answer(intake.submit(IntakeService.LEAD, parser.prospect(fields, config.defaultActivity()), key));
    }

    private Response event(Map<String, Object> fields, IdempotencyKey key) {
        return answer(intake.submit(IntakeService.EVENT, parser.event(fields), key));
    }

    /**
     * A body sent in chunks has no length for {@code BodySizeFilter} to check: it counts against the same
     * {@code leadscoring.limits.max-body-bytes} once read.
     */
    private String withinLimit(String body) {
        long max = leadScoring.limits().maxBodyBytes();
        if (body != null && body.length() > max / 4 && body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > max) {
            throw new org.leadscoring.api.BodyTooLargeException(max);
        }
        return body;
    }

    private byte[] withinLimit(byte[] body) {
        long max = leadScoring.limits().maxBodyBytes();
        if (body != null && body.length > max) {
            throw new org.leadscoring.api.BodyTooLargeException(max);
        }
        return body;
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
