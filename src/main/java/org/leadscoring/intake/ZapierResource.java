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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

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

    private PayloadParser parser;

    @PostConstruct
    void init() {
        parser = new PayloadParser(new FieldAliases(config.aliases()), json);
    }

    @POST
    @Path("/leads")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response leadJson(String body, @HeaderParam("Idempotency-Key") String key) {
        return lead(parser.fromJson(body), key);
    }

    @POST
    @Path("/leads")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response leadForm(MultivaluedMap<String, String> form, @HeaderParam("Idempotency-Key") String key) {
        return lead(parser.fromForm(form), key);
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response eventJson(String body, @HeaderParam("Idempotency-Key") String key) {
        return event(parser.fromJson(body), key);
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response eventForm(MultivaluedMap<String, String> form, @HeaderParam("Idempotency-Key") String key) {
        return event(parser.fromForm(form), key);
    }

    private Response lead(Map<String, Object> fields, String key) {
        return answer(intake.submit(IntakeService.LEAD, parser.prospect(fields, config.defaultActivity()), key));
    }

    private Response event(Map<String, Object> fields, String key) {
        return answer(intake.submit(IntakeService.EVENT, parser.event(fields), key));
    }

    static Response answer(IntakeAnswer answer) {
        return Response.status(answer.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(answer.json()).build();
    }
}
