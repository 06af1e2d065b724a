package org.leadscoring.outcomes;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.history.ScoreHistory;

/**
 * {@code GET /api/reports/calibration}: whether the scores given predicted what sales did ({@link Calibration}), for
 * the prospects scored by {@code model}, in [{@code from}, {@code to}] (dates, or instants), by {@code ruleset_version}.
 */
@Path("/api/reports/calibration")
@Produces(MediaType.APPLICATION_JSON)
public class CalibrationResource {

    private final ScoreHistory history;
    private final Outcomes outcomes;
    private final LeadScoringConfig config;

    @Inject
    CalibrationResource(ScoreHistory history, Outcomes outcomes, LeadScoringConfig config) {
        this.history = history;
        this.outcomes = outcomes;
        this.config = config;
    }

    /** The report with the filters it was made with. */
    public record CalibrationReport(String model, Instant from, Instant to, String rulesetVersion, Calibration.Report calibration) {
    }

    @GET
    public CalibrationReport report(@QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("ruleset_version") String rulesetVersion) {
        Period period = Period.of(from, to);
        List<Calibration.Subject> subjects = outcomes.subjects(history.moments(blank(model), period.from(), period.to(), blank(rulesetVersion)));
        return new CalibrationReport(blank(model), period.from(), period.to(), blank(rulesetVersion),
                Calibration.of(subjects, config.salesCapacityPerWeek()));
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
