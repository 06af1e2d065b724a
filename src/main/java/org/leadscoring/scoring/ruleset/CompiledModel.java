package org.leadscoring.scoring.ruleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Contribution;
import org.leadscoring.scoring.Decision;
import org.leadscoring.scoring.Decisions;
import org.leadscoring.scoring.Evaluation;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.RuleLoopException;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringTimeoutException;
import org.leadscoring.scoring.model.AxisLimits;
import org.leadscoring.scoring.model.Decay;
import org.leadscoring.scoring.model.ScoringModel;
import org.leadscoring.scoring.ruleset.language.LinearMatches;

/**
 * A scoring model with its rules compiled: scores prospects. Immutable and shared by all threads; each
 * evaluation runs in its own short-lived session.
 */
public final class CompiledModel {

    private final ScoringModel model;
    private final String file;
    private final RuleIndex rules;
    private final EvaluationLimits limits;
    private final String ruleSetVersion;
    private final SessionPool sessions;
    private final Map<String, com.google.re2j.Pattern> patterns;

    CompiledModel(ScoringModel model, String file, KieBase kieBase, KieSessionConfiguration sessionConfig,
            RuleIndex rules, EvaluationLimits limits, String ruleSetVersion, Map<String, com.google.re2j.Pattern> patterns) {
        this.patterns = patterns;
        this.model = model;
        this.file = file;
        this.rules = rules;
        this.limits = limits;
        this.ruleSetVersion = ruleSetVersion;
        this.sessions = new SessionPool(kieBase, sessionConfig, 2 * Runtime.getRuntime().availableProcessors());
    }

    public ScoringModel model() {
        return model;
    }

    public String name() {
        return model.name();
    }

    /** The model file, relative to the models folder. */
    public String file() {
        return file;
    }

    /** The rules of this model by name. */
    public Map<String, RuleInfo> rules() {
        return rules.byName();
    }

    /** Scores a prospect and decides what the CRM should do with them. */
    public Decision decide(Evaluation evaluation, ExistingRecord existing) {
        return Decisions.decide(evaluation, model.qualification(), existing);
    }

    /**
     * Scores a prospect with their activities as of {@code now}. A pure function of its arguments and this
     * model: the same inputs give the same score card.
     *
     * @throws RuleLoopException        when the rules keep firing past the configured limit
     * @throws ScoringTimeoutException when the rules run past the time bound; they are halted, never left running
     */
    public Evaluation evaluate(Prospect prospect, List<Activity> activities, Instant now) {
        List<RuleHit> hits = LinearMatches.within(patterns, () -> fire(prospect, activities, now));
        return aggregate(hits, now);
    }

    private List<RuleHit> fire(Prospect prospect, List<Activity> activities, Instant now) {
        HitCollector collector = new HitCollector();
        KieSession session = sessions.take();
        EvaluationWatchdog.Running watch = EvaluationWatchdog.INSTANCE.watch(session, limits.maxScoringTime());
        try {
            session.addEventListener(collector);
            session.insert(prospect);
            for (int i = 0; i < activities.size() && !watch.expired(); i++) {
                session.insert(activities.get(i).asOf(now));
            }
            int fired = watch.expired() ? 0 : session.fireAllRules(limits.maxFirings());
            if (watch.expired()) {
                throw new ScoringTimeoutException(model.name(), ruleSetVersion, collector.lastFired(), limits.maxScoringTime());
            }
            if (fired >= limits.maxFirings()) {
                throw new RuleLoopException(model.name(), collector.mostFired(), fired);
            }
        } finally {
            EvaluationWatchdog.INSTANCE.done(watch);
            if (watch.expired()) {
                sessions.discard(session);
            } else {
                sessions.giveBack(session);
            }
        }
        return collector.hits;
    }

    /**
     * The score card and routings of the rules that fired: points decayed and limited by this model, routings
     * collected, the axis limits applied. {@link #evaluate} uses it after Drools has fired the rules; public so
     * that another matcher of the same rules (the benchmarks' hand-written model) gives the identical result.
     */
    public Evaluation aggregate(List<RuleHit> hits, Instant now) {
        Map<RuleInfo, List<RuleHit>> byRule = new TreeMap<>(Comparator.comparing(RuleInfo::name));
        for (RuleHit hit : hits) {
            byRule.computeIfAbsent(hit.rule(), r -> new ArrayList<>()).add(hit);
        }
        List<Contribution> contributions = new ArrayList<>();
        List<String> contactRoutes = new ArrayList<>();
        List<String> rejectRoutes = new ArrayList<>();
        for (Map.Entry<RuleInfo, List<RuleHit>> entry : byRule.entrySet()) {
            RuleInfo rule = entry.getKey();
            if (rule.routing() == Routing.CONTACT) {
                contactRoutes.add(rule.reason() + " (rule \"" + rule.name() + "\")");
            } else if (rule.routing() == Routing.REJECT) {
                rejectRoutes.add(rule.reason() + " (rule \"" + rule.name() + "\")");
            }
            if (rule.axis() != null) {
                contributions.addAll(contributionsOf(rule, entry.getValue()));
            }
        }
        Map<Axis, Integer> scores = new LinkedHashMap<>();
        for (Axis axis : Axis.values()) {
            scores.put(axis, limited(axis, contributions));
        }
        contributions.sort(Comparator.comparing(Contribution::axis)
                .thenComparing(Comparator.comparingInt(Contribution::points).reversed())
                .thenComparing(Contribution::rule)
                .thenComparing(Contribution::reason));
        Integer fit = scores.get(Axis.FIT);
        Integer engagement = scores.get(Axis.ENGAGEMENT);
        Integer total = fit == null && engagement == null ? null : (fit == null ? 0 : fit) + (engagement == null ? 0 : engagement);
        boolean qualified = model.qualification().isMetBy(fit, engagement, total);
        ScoreCard card = new ScoreCard(fit, engagement, total, model.gradeFor(total), qualified, contributions, now);
        List<String> fired = byRule.keySet().stream().map(RuleInfo::name).toList();
        return new Evaluation(card, contactRoutes, rejectRoutes, fired);
    }

    /** The contributions of one rule: decayed per activity, the best {@code @max} of them counted. */
    private List<Contribution> contributionsOf(RuleInfo rule, List<RuleHit> hits) {
        record Scored(int points, long age, String reason) {
        }
        List<Scored> scored = new ArrayList<>();
        for (RuleHit hit : hits) {
            if (hit.activity() == null) {
                scored.add(new Scored(rule.points(), -1, rule.reason()));
                continue;
            }
            Activity a = hit.activity();
            Decay decay = model.decayFor(a.type());
            int points = (int) Math.round(rule.points() * decay.factor(a.daysAgo()));
            String when = a.daysAgo() == 0 ? "today" : a.daysAgo() == 1 ? "1 day ago" : a.daysAgo() + " days ago";
            String reason = rule.reason() + " (" + a.type() + " " + when
                    + (points == rule.points() ? "" : "; " + rule.points() + " → " + points + ", " + decay.describe()) + ")";
            scored.add(new Scored(points, a.daysAgo(), reason));
        }
        // The strongest matches count first; among equals, the most recent.
        scored.sort(Comparator.comparingInt((Scored s) -> Math.abs(s.points)).reversed().thenComparingLong(Scored::age));
        List<Contribution> result = new ArrayList<>();
        int limit = rule.max() == null ? scored.size() : Math.min(rule.max(), scored.size());
        for (int i = 0; i < limit; i++) {
            result.add(new Contribution(rule.name(), rule.axis(), scored.get(i).points, scored.get(i).reason));
        }
        if (limit < scored.size()) {
            result.add(new Contribution(rule.name(), rule.axis(), 0,
                    (scored.size() - limit) + " more not counted: this rule counts at most " + rule.max()));
        }
        return result;
    }

    /** The axis score after floor and cap, each adjustment added as a contribution so the sum still holds. */
    private Integer limited(Axis axis, List<Contribution> contributions) {
        boolean scored = false;
        int sum = 0;
        for (Contribution c : contributions) {
            if (c.axis() == axis) {
                scored = true;
                sum += c.points();
            }
        }
        if (!scored) {
            return null;
        }
        AxisLimits limits = model.limits().of(axis);
        String label = axis == Axis.FIT ? "Fit" : "Engagement";
        if (limits.cap() != null && sum > limits.cap()) {
            contributions.add(new Contribution(Contribution.cap(axis), axis, limits.cap() - sum,
                    label + " is capped at " + limits.cap() + " by model " + model.name()));
            return limits.cap();
        }
        if (limits.floor() != null && sum < limits.floor()) {
            contributions.add(new Contribution(Contribution.floor(axis), axis, limits.floor() - sum,
                    label + " never goes below " + limits.floor() + " in model " + model.name()));
            return limits.floor();
        }
        return sum;
    }

    /** Records which rules fired on which activity; one per session, never shared. */
    private final class HitCollector extends DefaultAgendaEventListener {
        private final List<RuleHit> hits = new ArrayList<>(32);
        /** Rules that fired without scoring metadata (helpers); only read to name a looping rule. */
        private final List<String> others = new ArrayList<>();

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            RuleInfo rule = rules.of(event.getMatch().getRule());
            if (rule == null) {
                others.add(event.getMatch().getRule().getName());
                return;
            }
            Activity newest = null;
            for (Object o : event.getMatch().getObjects()) {
                if (o instanceof Activity a && (newest == null || a.daysAgo() < newest.daysAgo())) {
                    newest = a;
                }
            }
            hits.add(new RuleHit(rule, newest));
        }

        String lastFired() {
            if (!others.isEmpty()) {
                return others.get(others.size() - 1);
            }
            return hits.isEmpty() ? null : hits.get(hits.size() - 1).rule().name();
        }

        String mostFired() {
            Map<String, Integer> counts = new HashMap<>();
            hits.forEach(hit -> counts.merge(hit.rule().name(), 1, Integer::sum));
            others.forEach(name -> counts.merge(name, 1, Integer::sum));
            return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
        }
    }
}
