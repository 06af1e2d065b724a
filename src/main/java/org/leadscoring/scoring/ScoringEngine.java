package org.leadscoring.scoring;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.scoring.ruleset.CompiledModel;
import org.leadscoring.scoring.ruleset.EvaluationLimits;
import org.leadscoring.scoring.ruleset.ReloadReport;
import org.leadscoring.scoring.ruleset.RuleSet;
import org.leadscoring.scoring.ruleset.RuleSetBuilder;
import org.leadscoring.scoring.ruleset.RuleSetRegistry;
import org.leadscoring.scoring.ruleset.Snapshot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Scores prospects with the live rule set, and keeps that rule set in step with the rule and model folders.
 * The folders are polled for changed content; a change is compiled on the scheduler's thread, never on a
 * request's.
 */
@Startup
@ApplicationScoped
public class ScoringEngine {

    private final LeadScoringConfig config;
    private final jakarta.enterprise.event.Event<RuleSetLoaded> loaded;
    private final jakarta.enterprise.event.Event<RuleSetServed> served;
    /** Where scoring times go ({@code leadscoring.scoring}, by model); null: not timed. */
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ScoringEngine.class);

    private final MeterRegistry meters;
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    private RuleSetRegistry registry;

    @Inject
    public ScoringEngine(LeadScoringConfig config, jakarta.enterprise.event.Event<RuleSetLoaded> loaded,
            jakarta.enterprise.event.Event<RuleSetServed> served, MeterRegistry meters) {
        this.config = config;
        this.loaded = loaded;
        this.served = served;
        this.meters = meters;
    }

    @PostConstruct
    void load() {
        registry = new RuleSetRegistry(config.rulesDir().toAbsolutePath().normalize(), config.modelsDir().toAbsolutePath().normalize(),
                new RuleSetBuilder(config.defaultModel(),
                        new EvaluationLimits(config.limits().maxRuleFirings(), config.limits().maxScoringTime(),
                                config.limits().maxActivities())), config.reload().quietPeriod());
        registry.reload();
    }

    /** Fired after a changed rule set has been loaded from the folders and is serving. */
    public record RuleSetLoaded(String version) {
    }

    /** Fired whenever another rule set starts serving: loaded from the folders, or published. */
    public record RuleSetServed(String version) {
    }

    @Scheduled(identity = "rules-reload", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            executeWith = Scheduled.SIMPLE, every = "${leadscoring.reload.interval}", delayed = "${leadscoring.reload.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadIfChanged() {
        registry.reloadIfChanged()
                .filter(report -> report.outcome() == ReloadReport.Outcome.LOADED)
                .ifPresent(report -> {
                    served.fire(new RuleSetServed(report.version()));
                    loaded.fire(new RuleSetLoaded(report.version()));
                });
    }

    /** The rule set serving now, if one has loaded. */
    public Optional<RuleSet> current() {
        return registry.current();
    }

    /** How the last reload or publish went: loaded or rejected, with its problems. */
    public Optional<ReloadReport> lastReport() {
        return registry.lastReport();
    }

    /** The folders the rules and models are read from. */
    public Path rulesDir() {
        return registry.rulesDir();
    }

    public Path modelsDir() {
        return registry.modelsDir();
    }

    /**
     * Builds a rule set from {@code snapshot} without serving it (a draft in the workbench), running the models'
     * examples or not.
     */
    public RuleSetBuilder.Result build(Snapshot snapshot, boolean checkExamples) {
        return registry.builder().build(snapshot, checkExamples);
    }

    /** Serves a rule set built from {@code snapshot} (a publish), as a reload of those files would. */
    public ReloadReport adopt(Snapshot snapshot, RuleSetBuilder.Result built,
            long buildMillis) {
        ReloadReport report = registry.adopt(snapshot, built, buildMillis);
        if (report.outcome() == ReloadReport.Outcome.LOADED) {
            served.fire(new RuleSetServed(report.version()));
        }
        return report;
    }

    /** Reports a rule set that was built to be served and did not load (a version published elsewhere); the last good one serves on. */
    public ReloadReport refuse(Snapshot snapshot, RuleSetBuilder.Result built, long buildMillis) {
        return registry.refuse(snapshot, built, buildMillis);
    }

    /**
     * Scores a prospect and decides what the CRM should do with them.
     *
     * @param model    the model's name, or null for the default model
     * @param existing what the CRM already holds for the prospect's email
     * @param now      the moment to score at; activity ages and decay are measured from it
     * @throws NoRuleSetException     when no rule set has loaded
     * @throws ModelNotFoundException when the model is not loaded
     * @throws RuleLoopException      when the rules loop
     * @throws ScoringTimeoutException when the rules run past the time bound
     */
    public ScoringResult score(Prospect prospect, List<Activity> activities, String model, ExistingRecord existing, Instant now) {
        return score(registry.current().orElseThrow(NoRuleSetException::new), prospect, activities, model, existing, now);
    }

    /**
     * The qualification thresholds of a loaded model (null: the default model).
     *
     * @throws NoRuleSetException     when no rule set has loaded
     * @throws ModelNotFoundException when the model is not loaded
     */
    public org.leadscoring.scoring.model.Qualification qualification(String model) {
        RuleSet ruleSet = registry.current().orElseThrow(NoRuleSetException::new);
        return ruleSet.model(model).orElseThrow(() -> new ModelNotFoundException(model, ruleSet.models().keySet())).model().qualification();
    }

    /**
     * Scores a prospect with each challenger in shadow of the model that gave {@code champion} ({@code challenger_of}),
     * with the same inputs at the same moment, in the rule set serving; none when the model has none. A challenger that
     * fails (its rules loop, run past the time bound, or anything else) gives no shadow score, is logged and counted, and
     * never disturbs the champion's decision, which is already made and written.
     */
    public List<ScoringResult> shadow(ScoringResult champion, Prospect prospect, List<Activity> activities, ExistingRecord existing) {
        RuleSet ruleSet = registry.current().orElse(null);
        if (ruleSet == null) {
            return List.of();
        }
        List<CompiledModel> challengers = ruleSet.challengersOf(champion.model());
        if (challengers.isEmpty()) {
            return List.of();
        }
        Instant at = champion.scoreCard().scoredAt();
        List<ScoringResult> out = new java.util.ArrayList<>(challengers.size());
        for (CompiledModel challenger : challengers) {
            try {
                out.add(score(ruleSet, prospect, activities, challenger.name(), existing, at));
            } catch (RuntimeException e) {
                // Whatever it was (a loop, the time bound, anything else), the decision is made and written: it is not undone for a shadow.
                LOG.warnf("The challenger '%s' could not score a prospect in shadow: %s", challenger.name(),
                        e instanceof RuleLoopException || e instanceof ScoringTimeoutException ? e.getMessage() : e.getClass().getSimpleName());
                if (meters != null) {
                    meters.counter("leadscoring.shadow.failures", "model", challenger.name()).increment();
                }
            }
        }
        return out;
    }

    /** Scores with a rule set that may not be the one serving (a draft in the rules workbench). */
    public ScoringResult score(RuleSet ruleSet, Prospect prospect, List<Activity> activities, String model, ExistingRecord existing, Instant now) {
        CompiledModel compiled = ruleSet.model(model).orElseThrow(() -> new ModelNotFoundException(model, ruleSet.models().keySet()));
        long start = System.nanoTime();
        Evaluation evaluation = compiled.evaluate(prospect.normalised(), activities, now);
        if (meters != null) {
            timers.computeIfAbsent(compiled.name(), name -> Timer.builder("leadscoring.scoring").tag("model", name)
                    .description("Time the rules took to score one prospect").register(meters)).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        Decision decision = compiled.decide(evaluation, existing == null ? ExistingRecord.NONE : existing);
        return new ScoringResult(compiled.name(), ruleSet.version(), evaluation.scoreCard(), decision);
    }
}
