package org.leadscoring.intake;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.store.IntakeRepository;
import org.leadscoring.store.OutboxRepository;
import org.leadscoring.store.StoredIntake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An intake's state, decision, contributions and Zoho outcome: the audit trail of why a prospect got its score. */
@Path("/api/intakes")
@Produces(MediaType.APPLICATION_JSON)
public class IntakesResource {

    @Inject
    IntakeRepository intakes;

    @Inject
    OutboxRepository outbox;

    @Inject
    ObjectMapper json;

    @GET
    @Path("/{id}")
    public Map<String, Object> intake(@PathParam("id") String id) {
        StoredIntake in = intakes.find(id).orElseThrow(() -> new NotFoundException("No intake " + id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", in.id());
        out.put("kind", in.kind());
        out.put("email", in.email());
        out.put("status", in.status());
        out.put("received_at", in.receivedAt().toString());
        out.put("completed_at", in.completedAt() == null ? null : in.completedAt().toString());
        out.put("decision", in.outcome().decision());
        out.put("reasons", in.outcome().reasons());
        out.put("model", in.outcome().model());
        out.put("ruleset_version", in.outcome().rulesetVersion());
        out.put("score_card", in.outcome().scoreCardJson() == null ? null : read(in.outcome().scoreCardJson()));
        out.put("zoho_module", in.outcome().zohoModule());
        out.put("zoho_id", in.outcome().zohoId());
        out.put("zoho_error", in.outcome().zohoError());
        out.put("outbox_pending", outbox.pendingFor(in.id()).map(o -> Map.of("attempts", o.attempts(), "next_attempt_at",
                o.nextAttemptAt().toString(), "last_error", o.lastError() == null ? "" : o.lastError())).orElse(null));
        return out;
    }

    private Object read(String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
