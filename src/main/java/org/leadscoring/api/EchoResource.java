package org.leadscoring.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.leadscoring.config.LeadScoringConfig;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTTP benchmark's baseline (see BENCHMARKS.md): parses a JSON body and writes it back, on a worker thread
 * behind the same API key, rate and body-size filters as {@code POST /api/score}, so the difference between
 * the two is what scoring costs. Answers 404 unless {@code leadscoring.bench-echo=true}.
 */
@Path("/api/bench/echo")
public class EchoResource {

    private final LeadScoringConfig config;

    @Inject
    EchoResource(LeadScoringConfig config) {
        this.config = config;
    }

    @POST
    @Operation(hidden = true) // served only to benchmarks, so no part of the API's document
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode echo(JsonNode body) {
        if (!config.benchEcho()) {
            throw new NotFoundException();
        }
        return body;
    }
}
