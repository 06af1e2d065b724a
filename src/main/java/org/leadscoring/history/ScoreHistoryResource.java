package org.leadscoring.history;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.api.InvalidRequestException;
import org.leadscoring.store.ProspectRepository;

/** {@code GET /api/prospects/{email}/history}: each score the service gave a prospect, newest first. */
@Path("/api/prospects/{email}/history")
@Produces(MediaType.APPLICATION_JSON)
public class ScoreHistoryResource {

    static final int MAX_LIMIT = 1000;

    private final ScoreHistory history;
    private final ProspectRepository prospects;

    @Inject
    ScoreHistoryResource(ScoreHistory history, ProspectRepository prospects) {
        this.history = history;
        this.prospects = prospects;
    }

    /** The answer: the prospect's email and their entries, newest first. */
    public record History(String email, List<ScoreHistory.Entry> history) {
    }

    @GET
    public History history(@PathParam("email") String email, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        String key = org.leadscoring.scoring.EmailAddress.canonical(email);
        List<ScoreHistory.Entry> entries = history.of(key, limit, true);
        if (entries.isEmpty() && prospects.find(key).isEmpty()) {
            throw new NotFoundException("No prospect has that email");
        }
        return new History(key, entries);
    }
}
