package org.leadscoring.scoring.rest;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.leadscoring.api.InvalidRequestException;
import org.leadscoring.api.RequestValidation;
import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ScoringResult;

/** Scores a prospect without side effects: nothing is stored and the CRM is not touched. */
@Path("/api/score")
public class ScoreResource {

    private final ScoringEngine engine;
    private final RequestValidation validation;
    private final LeadScoringConfig config;

    @Inject
    ScoreResource(ScoringEngine engine, RequestValidation validation, LeadScoringConfig config) {
        this.engine = engine;
        this.validation = validation;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = ScoringResult.class, responseDescription = "The score card with the rules that fired, and the decision.")
    @APIResponse(responseCode = "503")
    public ScoringResult score(ScoreRequest body) {
        ScoreRequest request = validation.validate(body == null ? null : body.normalised());
        int max = config.limits().maxActivities();
        if (request.activities().size() > max) {
            throw new InvalidRequestException("activities", "has " + request.activities().size() + " items; at most " + max + " are accepted");
        }
        Instant now = request.now() == null ? Instant.now() : request.now();
        return engine.score(request.prospect(), request.activities(), request.model(), request.existing(), now);
    }
}
