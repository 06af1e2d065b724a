package org.leadscoring.outcomes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The outcome sync's schedule ({@code leadscoring.outcomes.cron}, daily by default): a Quartz job in the database,
 * clustered, so of the instances sharing the database exactly one fires each firing.
 */
@ApplicationScoped
public class OutcomeSchedule {

    private static final Logger LOG = Logger.getLogger(OutcomeSchedule.class);

    private final OutcomeSync sync;

    @Inject
    OutcomeSchedule(OutcomeSync sync) {
        this.sync = sync;
    }

    @Scheduled(identity = "outcome-sync", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            executeWith = Scheduled.QUARTZ, cron = "${leadscoring.outcomes.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sync.start("schedule", null);
        } catch (SyncInProgressException e) {
            LOG.infof("Scheduled outcome sync skipped: %s", e.getMessage());
        }
    }
}
