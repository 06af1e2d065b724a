package org.leadscoring.outcomes;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/prospects/{email}/outcome}: what sales did with one prospect, as last read from Zoho. */
@Path("/api/prospects/{email}/outcome")
@Produces(MediaType.APPLICATION_JSON)
public class ProspectOutcomeResource {

    private final Outcomes outcomes;

    @Inject
    ProspectOutcomeResource(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** Their outcome (null: none read) and their deals. */
    public record ProspectOutcome(Outcomes.Outcome outcome, List<Outcomes.Deal> deals) {
    }

    @GET
    public ProspectOutcome outcome(@PathParam("email") String email) {
        String key = email.trim().toLowerCase(Locale.ROOT);
        Outcomes.Outcome o = outcomes.find(key).orElse(null);
        List<Outcomes.Deal> deals = outcomes.deals(List.of(key)).getOrDefault(key, List.of());
        if (o == null && deals.isEmpty()) {
            throw new NotFoundException("No outcome is known for that email");
        }
        return new ProspectOutcome(o, deals);
    }
}
