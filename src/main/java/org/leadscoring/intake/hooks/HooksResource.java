package org.leadscoring.intake.hooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.leadscoring.api.ApiError;
import org.leadscoring.api.InvalidRequestException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Zapier triggers: REST-hook subscribe and unsubscribe, and the list polling triggers read. */
@Path("/api/zapier")
@Produces(MediaType.APPLICATION_JSON)
public class HooksResource {

    /** Longest target URL kept: Zapier's hook URLs are about 60 characters. */
    static final int MAX_URL_LENGTH = 2_000;

    private final HookService hooks;
    private final ObjectMapper json;

    @Inject
    HooksResource(HookService hooks, ObjectMapper json) {
        this.hooks = hooks;
        this.json = json;
    }

    /** A subscription as Zapier keeps it: its id unsubscribes it. */
    public record Subscribed(String id, String event, String targetUrl, String createdAt) {
    }

    /** Subscribes {@code target_url} (Zapier sends {@code targetUrl}; both are read) to {@code event}. */
    @POST
    @Path("/hooks")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = Subscribed.class, responseCode = "201", responseDescription = "Subscribed.")
    public Response subscribe(Map<String, Object> body) {
        if (body == null) {
            throw new InvalidRequestException("body", "is required: {\"event\": \"lead.qualified\", \"target_url\": \"https://hooks.zapier.com/…\"}");
        }
        Object event = body.get("event");
        Object target = body.containsKey("target_url") ? body.get("target_url") : body.get("targetUrl");
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (event == null || !HookService.EVENTS.contains(event.toString())) {
            errors.add(new ApiError.FieldError("event", "must be one of " + HookService.EVENTS));
        }
        if (target != null && target.toString().length() > MAX_URL_LENGTH) {
            errors.add(new ApiError.FieldError("target_url", "is longer than " + MAX_URL_LENGTH + " characters"));
        } else if (target == null) {
            errors.add(new ApiError.FieldError("target_url", "is required: the URL Zapier gives the subscription"));
        } else {
            try {
                hooks.targets().resolve(target.toString());
            } catch (IllegalStateException refused) {
                errors.add(new ApiError.FieldError("target_url", refused.getMessage().replaceFirst("^target_url ", "")));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        HookRepository.Subscription s = hooks.subscribe(event.toString(), target.toString());
        return Response.status(201).entity(new Subscribed(s.id(), s.event(), s.targetUrl(), s.createdAt().toString())).build();
    }

    @DELETE
    @Path("/hooks/{id}")
    @APIResponse(responseCode = "204", description = "Unsubscribed.")
    public Response unsubscribe(@PathParam("id") String id) {
        if (!hooks.unsubscribe(id)) {
            throw new NotFoundException("No hook subscription " + id);
        }
        return Response.noContent().build();
    }

    /** Events for polling triggers, newest first, in the shape REST hooks receive ({@link org.leadscoring.crm.HookPayload}). */
    @GET
    @Path("/qualified")
    @APIResponse(responseCode = "200", description = "The newest events of that kind, newest first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = org.leadscoring.crm.HookPayload.class)))
    public List<Map<String, Object>> qualified(@QueryParam("event") @DefaultValue(HookService.LEAD_QUALIFIED) String event,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (!HookService.EVENTS.contains(event)) {
            throw new InvalidRequestException("event", "must be one of " + HookService.EVENTS);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (HookRepository.Event e : hooks.newest(event, Math.max(1, Math.min(limit, 200)))) {
            Map<String, Object> item = new LinkedHashMap<>(read(e.payloadJson()));
            if (!item.containsKey("event")) {
                // Recorded before events had one shape: the payload was the intake's answer, its id the intake's.
                item.put("intake_id", item.get("id"));
                item.put("id", e.id());
                item.put("event", e.event());
                item.put("occurred_at", e.createdAt().toString());
            }
            out.add(item);
        }
        return out;
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
