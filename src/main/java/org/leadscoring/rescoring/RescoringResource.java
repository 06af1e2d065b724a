package org.leadscoring.rescoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.leadscoring.api.InvalidRequestException;

/** Re-scoring runs: start one on demand, and follow their progress, counts, costs and per-lead outcomes. */
@Path("/api/rescoring/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RescoringResource {

    @Inject
    RescoringRuns rescoring;

    @Inject
    org.leadscoring.scoring.ScoringEngine engine;

    @Inject
    RunRepository runs;

    /** The body of {@code POST /api/rescoring/runs}; every field is optional. */
    public record StartRequest(Boolean dryRun, String model, Long maxCredits, java.time.Instant now, Boolean full) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(StartRequest body) {
        StartRequest req = body == null ? new StartRequest(false, null, null, null, false) : body;
        if (req.maxCredits() != null && req.maxCredits() < 1) {
            throw new InvalidRequestException("max_credits", "must be at least 1");
        }
        if (req.model() != null) {
            var loaded = engine.current().map(set -> set.models().keySet()).orElse(java.util.Set.of());
            if (!loaded.contains(req.model().trim())) {
                throw new InvalidRequestException("model", "is not a loaded model; the loaded models are " + new java.util.TreeSet<>(loaded));
            }
        }
        RescoringRun run = rescoring.start(new RescoringRuns.Request(Boolean.TRUE.equals(req.dryRun()), req.model(), req.maxCredits(), req.now(),
                Boolean.TRUE.equals(req.full())), "api");
        return Response.accepted(run).header("Location", "/api/rescoring/runs/" + run.id()).build();
    }

    @GET
    public List<RescoringRun> list() {
        return runs.latest(50);
    }

    /** A run with the outcomes of its chain: what failed and why, and (for dry runs) what it would do. */
    @GET
    @Path("/{id}")
    public Map<String, Object> run(@PathParam("id") String id) {
        RescoringRun run = runs.find(id).orElseThrow(() -> new NotFoundException("No re-scoring run " + id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run);
        out.put("failed", runs.outcomes(run.chainId(), LeadOutcome.Kind.FAILED, 500));
        if (run.dryRun()) {
            List<LeadOutcome> would = new ArrayList<>(runs.outcomes(run.chainId(), LeadOutcome.Kind.WOULD_CHANGE, 500));
            would.addAll(runs.outcomes(run.chainId(), LeadOutcome.Kind.WOULD_CONVERT, 500));
            out.put("would", would);
        } else {
            out.put("converted", runs.outcomes(run.chainId(), LeadOutcome.Kind.CONVERTED, 500));
        }
        return out;
    }
}
