package org.leadscoring.rescoring;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.scoring.ScoringEngine;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * What starts re-scoring runs besides the API: the nightly schedule, a new rule set (when
 * {@code rescoring.on-rules-change}), and the resumption of runs a dead process left running.
 */
@ApplicationScoped
public class RescoringSchedule {

    private static final Logger LOG = Logger.getLogger(RescoringSchedule.class);

    private final RescoringRuns runs;
    private final RescoringConfig config;

    @Inject
    RescoringSchedule(RescoringRuns runs, RescoringConfig config) {
        this.runs = runs;
        this.config = config;
    }

    /**
     * The schedule is a Quartz job in the database, clustered: of the instances sharing the database, exactly one
     * fires each firing (a firing no instance was up for fires once when one starts).
     */
    @Scheduled(identity = "rescoring", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            executeWith = Scheduled.QUARTZ, cron = "${rescoring.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        start(execution, RescoringRuns.Request.DEFAULT, "schedule", "re-scoring");
    }

    /**
     * The safety net: a full run on a slower schedule of its own ({@code rescoring.full-cron}), whatever the nightly
     * incremental runs found.
     */
    @Scheduled(identity = "rescoring-full", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            executeWith = Scheduled.QUARTZ, cron = "${rescoring.full-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFull(ScheduledExecution execution) {
        start(execution, RescoringRuns.Request.FULL, "schedule_full", "full re-scoring");
    }

    /** Starts the run a firing asks for and notes the firing it answers; a run going on already is left to finish. */
    private void start(ScheduledExecution execution, RescoringRuns.Request request, String trigger, String what) {
        if (!config.enabled()) {
            return;
        }
        Instant fire = execution.getScheduledFireTime().truncatedTo(ChronoUnit.SECONDS);
        try {
            RescoringRun run = runs.start(request, trigger);
            runs.answers(run.id(), fire);
            LOG.infof("Scheduled %s of %s started as run %s", what, fire, run.id());
        } catch (RunInProgressException e) {
            LOG.infof("Scheduled %s of %s skipped: %s", what, fire, e.getMessage());
        }
    }

    void onRulesChange(@Observes ScoringEngine.RuleSetLoaded loaded) {
        if (config.onRulesChange()) {
            try {
                runs.start(RescoringRuns.Request.DEFAULT, "rules_change");
            } catch (RunInProgressException e) {
                LOG.info("Re-scoring after rule change skipped: " + e.getMessage());
            }
        }
    }

    void onStart(@Observes StartupEvent start) {
        runs.resumeInterruptedRuns();
    }

    /** Every instance checks every minute for runs a dead process left running (the lease decides who resumes). */
    @Scheduled(identity = "rescoring-orphans", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            executeWith = Scheduled.SIMPLE, every = "60s", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeInterruptedRuns() {
        runs.resumeInterruptedRuns();
    }
}
