package org.leadscoring.intake;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.leadscoring.store.IntakeKind;
import org.leadscoring.store.IntakeRepository;
import org.leadscoring.store.IntakeStatus;
import org.leadscoring.store.OutboxRepository;
import org.leadscoring.store.StoredIntake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An intake's state, decision, contributions and Zoho outcome: the audit trail of why a prospect got its score. */
@Path("/api/intakes")
@Produces(MediaType.APPLICATION_JSON)
public class IntakesResource {

    private final IntakeRepository intakes;
    private final OutboxRepository outbox;
    private final ObjectMapper json;

    @Inject
    IntakesResource(IntakeRepository intakes, OutboxRepository outbox, ObjectMapper json) {
        this.intakes = intakes;
        this.outbox = outbox;
        this.json = json;
    }

    /** An intake as {@code GET /api/intakes/{id}} answers it. */
    public record IntakeView(String id, IntakeKind kind, String email, IntakeStatus status, String receivedAt, String completedAt,
            String decision, String reasons, String model, String rulesetVersion,
            @Schema(implementation = org.leadscoring.scoring.ScoreCard.class) Object scoreCard,
            String zohoModule, String zohoId, String zohoError, OutboxPending outboxPending) {
    }

    /** A write to Zoho still waiting in the outbox: how often it was tried, when it is tried next, and why it failed. */
    public record OutboxPending(int attempts, String nextAttemptAt, String lastError) {
    }

    @GET
    @Path("/{id}")
    public IntakeView intake(@PathParam("id") String id) {
        StoredIntake in = intakes.find(id).orElseThrow(() -> new NotFoundException("No intake " + id));
        StoredIntake.Outcome o = in.outcome();
        return new IntakeView(in.id(), in.kind(), in.email(), in.status(), in.receivedAt().toString(),
                in.completedAt() == null ? null : in.completedAt().toString(), o.decision(), o.reasons(), o.model(), o.rulesetVersion(),
                o.scoreCardJson() == null ? null : read(o.scoreCardJson()), o.zohoModule(), o.zohoId(), o.zohoError(),
                outbox.pendingFor(in.id()).map(p -> new OutboxPending(p.attempts(), p.nextAttemptAt().toString(),
                        p.lastError() == null ? "" : p.lastError())).orElse(null));
    }

    private Object read(String text) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
