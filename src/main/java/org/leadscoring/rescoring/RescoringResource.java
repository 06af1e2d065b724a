package org.leadscoring.rescoring;

import java.util.ArrayList;
import java.util.List;

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

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.leadscoring.api.InvalidRequestException;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Re-scoring runs: start one on demand, and follow their progress, counts, costs and per-lead outcomes. */
@Path("/api/rescoring/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RescoringResource {

    private final RescoringRuns rescoring;
    private final org.leadscoring.scoring.ScoringEngine engine;
    private final RunRepository runs;

    @Inject
    RescoringResource(RescoringRuns rescoring, org.leadscoring.scoring.ScoringEngine engine, RunRepository runs) {
        this.rescoring = rescoring;
        this.engine = engine;
        this.runs = runs;
    }

    /** The body of {@code POST /api/rescoring/runs}; every field is optional. */
    @Schema(name = "RescoringRunRequest")
    public record StartRequest(Boolean dryRun, String model, Long maxCredits, java.time.Instant now, Boolean full) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = RescoringRun.class, responseCode = "202", responseDescription = "Started; Location names the run.")
    @APIResponse(responseCode = "409", description = "A re-scoring run is already going on.")
    @APIResponse(responseCode = "403", description = "A run that writes to Zoho needs the publisher role (a dry run, the editor role).")
    public Response start(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security, StartRequest body) {
        StartRequest req = body == null ? new StartRequest(false, null, null, null, false) : body;
        if (!Boolean.TRUE.equals(req.dryRun()) && !security.isUserInRole(org.leadscoring.api.Caller.PUBLISHER)) {
            return org.leadscoring.api.ErrorMappers.json(403, org.leadscoring.api.ApiError.of("forbidden",
                    "A run that writes to Zoho needs the publisher role: start a dry run (dry_run: true), or ask a publisher"));
        }
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
                Boolean.TRUE.equals(req.full())), "api".equals(security.getUserPrincipal().getName()) ? "api" : "api:" + security.getUserPrincipal().getName());
        return Response.accepted(run).header("Location", "/api/rescoring/runs/" + run.id()).build();
    }

    @GET
    public List<RescoringRun> list() {
        return runs.latest(50);
    }

    /**
     * A run with the outcomes of its chain: what failed and why, and what it did ({@code converted}) or, for a dry run,
     * what it would do ({@code would}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunDetail(RescoringRun run, List<LeadOutcome> failed, List<LeadOutcome> would, List<LeadOutcome> converted) {
    }

    @GET
    @Path("/{id}")
    public RunDetail run(@PathParam("id") String id) {
        RescoringRun run = runs.find(id).orElseThrow(() -> new NotFoundException("No re-scoring run " + id));
        List<LeadOutcome> failed = runs.outcomes(run.chainId(), LeadOutcome.Kind.FAILED, 500);
        if (run.dryRun()) {
            List<LeadOutcome> would = new ArrayList<>(runs.outcomes(run.chainId(), LeadOutcome.Kind.WOULD_CHANGE, 500));
            would.addAll(runs.outcomes(run.chainId(), LeadOutcome.Kind.WOULD_CONVERT, 500));
            return new RunDetail(run, failed, would, null);
        }
        return new RunDetail(run, failed, null, runs.outcomes(run.chainId(), LeadOutcome.Kind.CONVERTED, 500));
    }
}
