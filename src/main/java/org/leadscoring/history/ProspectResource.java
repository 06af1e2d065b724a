package org.leadscoring.history;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.crm.FieldMapping;
import org.leadscoring.crm.ProspectReport;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * {@code GET /api/prospects/{email}}: where a prospect the service took in stands now — their latest score as given,
 * its decision and reasons, and their record in Zoho — in the fields of an intake's answer and of every hook event
 * (a Zap's "Find Prospect" search maps the same fields).
 */
@Path("/api/prospects/{email}")
@Produces(MediaType.APPLICATION_JSON)
public class ProspectResource {

    private final ScoreHistory history;
    private final ProspectRepository prospects;

    @Inject
    ProspectResource(ScoreHistory history, ProspectRepository prospects) {
        this.history = history;
        this.prospects = prospects;
    }

    /** The report of the latest score given, with when it was given. */
    public record LatestScore(@JsonUnwrapped ProspectReport report, Instant scoredAt) {
    }

    @GET
    public LatestScore latest(@PathParam("email") String email) {
        String key = org.leadscoring.scoring.EmailAddress.canonical(email);
        StoredProspect stored = prospects.find(key).orElseThrow(() -> new NotFoundException("No prospect has that email"));
        List<ScoreHistory.Entry> latest = history.of(key, 1, false);
        if (latest.isEmpty()) {
            throw new NotFoundException("That prospect has not been scored yet");
        }
        ScoreHistory.Entry e = latest.get(0);
        ScoreCard card = new ScoreCard(e.fit(), e.engagement(), e.total(), e.grade(), e.qualified(), e.contributions(), e.scoredAt());
        return new LatestScore(new ProspectReport(key, e.decision(), e.total(), e.fit(), e.engagement(), e.grade(), e.qualified(),
                stored.zohoModule(), stored.zohoId(), stored.convertedLead(), e.reasons(), FieldMapping.explanation(card), e.model(),
                e.rulesetVersion()), e.scoredAt());
    }
}
