package org.leadscoring.outcomes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.history.ScoreHistory;
import org.leadscoring.scoring.ScoringEngine;

/**
 * {@code GET /api/reports/calibration}: whether the scores given predicted what sales did ({@link Calibration}), for
 * the prospects scored by {@code model}, in [{@code from}, {@code to}] (dates, or instants), by {@code ruleset_version};
 * and, for each challenger in shadow of the model (the default model when none is named), champion and challenger side
 * by side on the same prospects: those both scored in the period.
 */
@Path("/api/reports/calibration")
@Produces(MediaType.APPLICATION_JSON)
public class CalibrationResource {

    private final ScoreHistory history;
    private final Outcomes outcomes;
    private final LeadScoringConfig config;
    private final ScoringEngine engine;

    @Inject
    CalibrationResource(ScoreHistory history, Outcomes outcomes, LeadScoringConfig config, ScoringEngine engine) {
        this.history = history;
        this.outcomes = outcomes;
        this.config = config;
        this.engine = engine;
    }

    /** The report with the filters it was made with, and each challenger's comparison (none when the model has none). */
    public record CalibrationReport(String model, Instant from, Instant to, String rulesetVersion, Calibration.Report calibration,
            List<Comparison> challengers) {
    }

    /**
     * A challenger in shadow beside its champion, on the same prospects (the {@code prospects} both scored in the
     * period): the champion as it decided, the challenger as it would have.
     */
    public record Comparison(String champion, String challenger, int prospects, Calibration.Report championCalibration,
            Calibration.Report challengerCalibration) {
    }

    @GET
    public CalibrationReport report(@QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("ruleset_version") String rulesetVersion) {
        Period period = Period.of(from, to);
        List<Calibration.Subject> subjects = outcomes.subjects(history.moments(blank(model), period.from(), period.to(), blank(rulesetVersion)));
        return new CalibrationReport(blank(model), period.from(), period.to(), blank(rulesetVersion),
                Calibration.of(subjects, config.salesCapacityPerWeek()), comparisons(blank(model), period));
    }

    private List<Comparison> comparisons(String model, Period period) {
        var set = engine.current().orElse(null);
        var champion = set == null ? null : set.model(model).orElse(null);
        if (champion == null) {
            return List.of();
        }
        List<Comparison> out = new ArrayList<>();
        List<ScoreHistory.Entry> decided = history.moments(champion.name(), period.from(), period.to(), null);
        for (var challenger : set.challengersOf(champion.name())) {
            List<ScoreHistory.Entry> shadow = history.shadowMoments(challenger.name(), period.from(), period.to());
            Set<String> both = shadow.stream().map(ScoreHistory.Entry::email).collect(Collectors.toSet());
            both.retainAll(decided.stream().map(ScoreHistory.Entry::email).collect(Collectors.toSet()));
            List<Calibration.Subject> championSubjects = outcomes.subjects(decided.stream().filter(e -> both.contains(e.email())).toList());
            List<Calibration.Subject> challengerSubjects = outcomes.subjects(shadow.stream().filter(e -> both.contains(e.email())).toList());
            out.add(new Comparison(champion.name(), challenger.name(), both.size(), Calibration.of(championSubjects, config.salesCapacityPerWeek()),
                    Calibration.of(challengerSubjects, config.salesCapacityPerWeek())));
        }
        return out;
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
