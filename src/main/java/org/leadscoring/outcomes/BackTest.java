package org.leadscoring.outcomes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.history.ScoreHistory;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ruleset.RuleSet;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;

/**
 * What a change would have done to the prospects whose outcome is known: each is scored with the live rule set and
 * with the draft at the moment that counts for calibration (when they qualified, or were first scored), from their
 * stored fields and the activities they had by then, and both sets of scores are calibrated against what sales did.
 * The fields are the prospect's latest: a field edited since that moment is scored as it is now.
 */
@ApplicationScoped
public class BackTest {

    private static final int CHUNK = 500;

    private final ScoreHistory history;
    private final Outcomes outcomes;
    private final ProspectRepository prospects;
    private final ScoringEngine engine;
    private final LeadScoringConfig config;

    @Inject
    BackTest(ScoreHistory history, Outcomes outcomes, ProspectRepository prospects, ScoringEngine engine, LeadScoringConfig config) {
        this.history = history;
        this.outcomes = outcomes;
        this.prospects = prospects;
        this.engine = engine;
        this.config = config;
    }

    /** Both calibrations over the same prospects: the live rules' and the draft's. */
    @Schema(name = "BackTestComparison")
    public record Comparison(int prospects, Calibration.Report live, Calibration.Report draft) {
    }

    /** Both calibrations of the prospects with a known outcome scored in {@code period}. */
    public Comparison compare(RuleSet live, RuleSet draft, Period period) {
        Map<String, Calibration.Result> results = new HashMap<>(outcomes.results());
        results.values().removeIf(r -> !r.known());
        Map<String, ScoreHistory.Entry> moments = new HashMap<>();
        for (ScoreHistory.Entry e : history.moments(null, period.from(), period.to(), null)) {
            if (results.containsKey(e.email())) {
                moments.put(e.email(), e);
            }
        }
        List<Calibration.Subject> before = new ArrayList<>();
        List<Calibration.Subject> after = new ArrayList<>();
        List<String> emails = new ArrayList<>(moments.keySet());
        for (int from = 0; from < emails.size(); from += CHUNK) {
            List<String> some = emails.subList(from, Math.min(emails.size(), from + CHUNK));
            Map<String, StoredProspect> stored = prospects.byEmail(some);
            Map<String, List<Activity>> activities = prospects.activities(some);
            for (String email : some) {
                StoredProspect p = stored.get(email);
                ScoreHistory.Entry moment = moments.get(email);
                if (p == null || !live.models().containsKey(moment.model()) || !draft.models().containsKey(moment.model())) {
                    continue;
                }
                List<Activity> then = activities.getOrDefault(email, List.of()).stream()
                        .filter(a -> a.at() == null || !a.at().isAfter(moment.scoredAt())).toList();
                Calibration.Result result = results.get(email);
                before.add(subject(email, engine.score(live, p.prospect(), then, moment.model(), p.existingRecord(), moment.scoredAt()).scoreCard(),
                        result));
                after.add(subject(email, engine.score(draft, p.prospect(), then, moment.model(), p.existingRecord(), moment.scoredAt()).scoreCard(),
                        result));
            }
        }
        return new Comparison(before.size(), Calibration.of(before, config.salesCapacityPerWeek()), Calibration.of(after, config.salesCapacityPerWeek()));
    }

    private static Calibration.Subject subject(String email, ScoreCard card, Calibration.Result result) {
        return new Calibration.Subject(email, card.scoredAt(), card.total(), card.grade(), card.qualified(), card.contributions(), result);
    }
}
