package org.leadscoring.api;

import java.util.List;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.scoring.ScoringEngine;

/**
 * {@code GET /api/me}: who the key is, for a client's connection test and label (Zapier's "Lead Scoring (key …f3a9)"):
 * the key's last four characters (never more of it), the loaded models and the default one.
 */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final ScoringEngine engine;
    private final LeadScoringConfig config;

    @Inject
    MeResource(ScoringEngine engine, LeadScoringConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** The answer: the key as a client may show it, and what it can score with. */
    public record Me(String key, String service, List<String> models, String defaultModel) {
    }

    @GET
    public Me me(@HeaderParam(ApiKeyFilter.HEADER) String key) {
        String shown = key == null || key.length() < 8 ? "…" : "…" + key.substring(key.length() - 4);
        List<String> models = engine.current().map(set -> List.copyOf(new TreeSet<>(set.models().keySet()))).orElse(List.of());
        return new Me(shown, "lead-scoring-engine", models, config.defaultModel());
    }
}
