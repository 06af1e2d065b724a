package org.leadscoring.outcomes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.api.InvalidRequestException;
import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.history.ScoreHistory;
import org.leadscoring.store.ProspectRepository;

/**
 * {@code GET /api/reports/calibration}: whether the scores given predicted what sales did ({@link Calibration}), for
 * the prospects scored by {@code model}, in [{@code from}, {@code to}] (dates, or instants), by {@code ruleset_version}.
 */
@Path("/api/reports/calibration")
@Produces(MediaType.APPLICATION_JSON)
public class CalibrationResource {

    @Inject
    ScoreHistory history;

    @Inject
    Outcomes outcomes;

    @Inject
    ProspectRepository prospects;

    @Inject
    LeadScoringConfig config;

    /** The report with the filters it was made with. */
    public record CalibrationReport(String model, Instant from, Instant to, String rulesetVersion, Calibration.Report calibration) {
    }

    @GET
    public CalibrationReport report(@QueryParam("model") String model, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("ruleset_version") String rulesetVersion) {
        Instant start = moment("from", from, false);
        Instant end = moment("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidRequestException("to", "must be after from");
        }
        var results = outcomes.results(prospects.convertedByService());
        List<Calibration.Subject> subjects = history.moments(blank(model), start, end, blank(rulesetVersion)).stream()
                .map(e -> new Calibration.Subject(e.email(), e.scoredAt(), e.total(), e.grade(), e.qualified(), e.contributions(),
                        results.getOrDefault(e.email(), Calibration.Result.NONE)))
                .toList();
        return new CalibrationReport(blank(model), start, end, blank(rulesetVersion), Calibration.of(subjects, config.salesCapacityPerWeek()));
    }

    /** A date (the start of that day in UTC; for {@code to}, the end of it) or an instant; null when not given. */
    private static Instant moment(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be a date (2026-11-30) or an instant (2026-11-30T09:00:00Z)");
        }
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
