package org.leadscoring.outcomes;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.api.InvalidRequestException;
import org.leadscoring.history.ScoreHistory;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ruleset.CompiledModel;

/**
 * {@code GET /api/reports/suggested-points?model&from&to&target}: the points the outcomes of the prospects scored by
 * {@code model} in [{@code from}, {@code to}] suggest for its rules ({@link SuggestedPoints}), against the live rules'
 * points; {@code target} is {@code won} (a deal won) or {@code converted}, by default the model's
 * {@code suggested_points.target}.
 */
@Path("/api/reports/suggested-points")
@Produces(MediaType.APPLICATION_JSON)
public class SuggestedPointsResource {

    private final ScoreHistory history;
    private final Outcomes outcomes;
    private final ScoringEngine engine;

    @Inject
    SuggestedPointsResource(ScoreHistory history, Outcomes outcomes, ScoringEngine engine) {
        this.history = history;
        this.outcomes = outcomes;
        this.engine = engine;
    }

    /** The suggestion with what it was made from. */
    public record Report(String model, String rulesetVersion, SuggestedPoints.Suggestion suggestion) {
    }

    @GET
    public Report suggest(@QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("target") String target) {
        Period period = Period.of(from, to);
        var set = engine.current().orElseThrow(org.leadscoring.scoring.NoRuleSetException::new);
        CompiledModel compiled = set.model(model)
                .orElseThrow(() -> new InvalidRequestException("model", "is not a loaded model; the loaded models are " + new java.util.TreeSet<>(set.models().keySet())));
        SuggestedPoints.Target goal = target(target == null || target.isBlank() ? compiled.model().suggestionTarget() : target);
        List<SuggestedPoints.Rule> rules = compiled.rules().values().stream()
                .filter(r -> r.axis() != null).map(r -> new SuggestedPoints.Rule(r.name(), r.axis(), r.points())).toList();
        List<Calibration.Subject> subjects = outcomes.subjects(history.moments(compiled.name(), period.from(), period.to(), null));
        return new Report(compiled.name(), set.version(), SuggestedPoints.of(subjects, rules, goal));
    }

    private static SuggestedPoints.Target target(String target) {
        try {
            return SuggestedPoints.Target.valueOf(target.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("target", "is won or converted");
        }
    }
}
