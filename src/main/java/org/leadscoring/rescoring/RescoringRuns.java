package org.leadscoring.rescoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.config.Workers;

/**
 * Starts re-scoring runs, one at a time across instances, and resumes those a dead process left running; each run
 * executes in the background ({@link RunExecutor}).
 */
@ApplicationScoped
public class RescoringRuns {

    private static final Logger LOG = Logger.getLogger(RescoringRuns.class);

    @Inject
    RunRepository runs;

    @Inject
    RunLease lease;

    @Inject
    RunExecutor executor;

    @Inject
    RescoringConfig config;

    private volatile String executing;
    private final ExecutorService worker = Workers.pool("rescoring", 1);

    /**
     * What starts a run: dry or not, which model (null: default), a credit budget (null: configured) and the moment to
     * score at (null: now; a later moment shows what decay will do).
     */
    public record Request(boolean dryRun, String model, Long maxCredits, Instant now) {

        /** A run of the default model, now, within the configured budget. */
        public static final Request DEFAULT = new Request(false, null, null, null);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Starts a run in the background and returns it as recorded. A run continues the chain of the last one that
     * stopped at its budget or on a Zoho failure.
     *
     * @param trigger what started it: {@code schedule}, {@code api}, {@code rules_change}, {@code publish:vN}
     * @throws RunInProgressException when a run is going on
     */
    public synchronized RescoringRun start(Request request, String trigger) {
        // The lease comes first: of several instances starting at once, one gets it, the others do not start.
        if (!lease.take()) {
            throw new RunInProgressException("another instance is running one");
        }
        List<RescoringRun> running = runs.inState(RunState.RUNNING);
        if (!running.isEmpty()) {
            lease.release();
            throw new RunInProgressException("run " + running.get(0).id() + " is in progress");
        }
        RescoringRun previous = request.dryRun() ? null : runs.resumable().filter(r -> !r.dryRun()).orElse(null);
        String id = "run_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Instant now = Instant.now();
        RescoringRun run = previous == null ? fresh(id, request, trigger, now, config.reader()) : continuing(id, previous, trigger, now);
        runs.create(run);
        runs.assign(id, lease.instance(), null);
        long budget = request.maxCredits() != null ? request.maxCredits() : config.maxCredits();
        submit(id, budget);
        return run;
    }

    private static RescoringRun fresh(String id, Request request, String trigger, Instant now, RunReader reader) {
        String model = request.model() == null || request.model().isBlank() ? null : request.model();
        return new RescoringRun(id, id, RunState.RUNNING, RunPhase.SCORING,
                new RescoringRun.Settings(request.dryRun(), model, request.now() == null ? now : request.now(), trigger), null,
                RescoringRun.Checkpoint.first(reader), RescoringRun.Counts.NONE, RescoringRun.Cost.NONE, null, new RescoringRun.Timing(now, now, null));
    }

    /** The next run of {@code previous}'s chain: its model, moment and checkpoint, counting afresh. */
    private static RescoringRun continuing(String id, RescoringRun previous, String trigger, Instant now) {
        RescoringRun.Settings was = previous.settings();
        RescoringRun.Checkpoint at = previous.checkpoint();
        return new RescoringRun(id, previous.chainId(), RunState.RUNNING, previous.phase(),
                new RescoringRun.Settings(false, was.model(), was.scoringNow(), trigger), null,
                new RescoringRun.Checkpoint(at.reader(), at.cursorPage(), at.cursorToken(), at.cursorAfterId(), 0), RescoringRun.Counts.NONE,
                RescoringRun.Cost.NONE, "continues " + previous.id(),
                new RescoringRun.Timing(now, now, null));
    }

    /** Notes that run {@code runId} answers the scheduled firing at {@code fire}. */
    void answers(String runId, Instant fire) {
        runs.assign(runId, lease.instance(), fire);
    }

    /**
     * Runs left running by a process that died are taken up again from their checkpoint, here or by another instance
     * once the dead one's lease has expired.
     */
    public void resumeInterruptedRuns() {
        for (RescoringRun r : runs.inState(RunState.RUNNING)) {
            if (r.id().equals(executing) || !lease.take()) {
                continue;
            }
            LOG.infof("Re-scoring run %s was interrupted at page %d; resuming", r.id(), r.checkpoint().pagesDone());
            submit(r.id(), config.maxCredits());
        }
    }

    private void submit(String id, long budget) {
        worker.submit(() -> {
            executing = id;
            try {
                executor.execute(id, budget);
            } finally {
                executing = null;
            }
        });
    }
}
