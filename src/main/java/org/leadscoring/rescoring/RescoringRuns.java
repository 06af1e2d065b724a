package org.leadscoring.rescoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.jobs.Lease;
import org.leadscoring.jobs.RunState;
import org.leadscoring.jobs.Runs;
import org.leadscoring.jobs.Workers;

/**
 * Starts re-scoring runs, one at a time across instances, and resumes those a dead process left running; each run
 * executes in the background ({@link RunExecutor}).
 */
@ApplicationScoped
public class RescoringRuns {

    private static final Logger LOG = Logger.getLogger(RescoringRuns.class);
    /** The name of re-scoring's {@link Lease}. */
    static final String LEASE = "rescoring";

    private final RunRepository runs;
    private final Runs jobs;
    private final RunExecutor executor;
    private final RescoringConfig config;
    private final org.leadscoring.scoring.ScoringEngine engine;
    /** The same lease as the executor's: one instance name per process ({@link Runs}). */
    private final Lease lease;

    @Inject
    RescoringRuns(RunRepository runs, Runs jobs, RunExecutor executor, RescoringConfig config, org.leadscoring.scoring.ScoringEngine engine) {
        this.runs = runs;
        this.jobs = jobs;
        this.executor = executor;
        this.config = config;
        this.engine = engine;
        this.lease = jobs.lease(LEASE);
    }


    private volatile String executing;
    private final ExecutorService worker = Workers.pool("rescoring", 1);

    /**
     * What starts a run: dry or not, which model (null: default), a credit budget (null: configured) and the moment to
     * score at (null: now; a later moment shows what decay will do).
     */
    public record Request(boolean dryRun, String model, Long maxCredits, Instant now, boolean full) {

        /** A run of the default model, now, within the configured budget, incremental when it can be. */
        public static final Request DEFAULT = new Request(false, null, null, null, false);

        /** The same, reading every open Lead. */
        public static final Request FULL = new Request(false, null, null, null, true);
    }

    /** Zoho's clock and this service's may differ a little: an incremental run reads modifications from a bit earlier. */
    static final java.time.Duration CLOCK_MARGIN = java.time.Duration.ofMinutes(5);

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
     * @throws org.leadscoring.api.InvalidRequestException when a run that writes names a challenger in shadow
     */
    public synchronized RescoringRun start(Request request, String trigger) {
        // A challenger decides nothing until it is promoted: it may preview (a dry run), never write.
        String challengerOf = request.dryRun() ? null : engine.current().flatMap(set -> set.model(modelOf(request)))
                .map(m -> m.model().challengerOf()).orElse(null);
        if (challengerOf != null) {
            throw new org.leadscoring.api.InvalidRequestException("model", "is a challenger in shadow of '" + challengerOf
                    + "': it writes nothing to Zoho until it is promoted; start a dry run, or a run of '" + challengerOf + "'");
        }
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
        RescoringRun run = previous == null ? fresh(id, request, trigger, now, config.reader(), scope(request)) : continuing(id, previous, trigger, now);
        runs.create(run);
        runs.assign(id, lease.instance(), null);
        long budget = request.maxCredits() != null ? request.maxCredits() : config.maxCredits();
        submit(id, budget);
        return run;
    }

    /**
     * Whether a new run must read every open Lead, and why: when asked to, when it reads by listing pages, when no full
     * run of the model has completed, or when the rule set changed since the last one. Otherwise a Lead's score can only have changed if Zoho modified
     * the Lead since the last completed run, or if its person has activities (whose age is the one input that moves
     * with time): the run is incremental.
     */
    private RescoringRun.Scope scope(Request request) {
        String model = modelOf(request);
        if (request.full()) {
            return RescoringRun.Scope.full("asked for");
        }
        if (config.reader() == RunReader.PAGES) {
            return RescoringRun.Scope.full("rescoring.reader is pages, which cannot ask Zoho for modified Leads");
        }
        RescoringRun lastFull = runs.lastCompleted(model, RunMode.FULL).orElse(null);
        if (lastFull == null) {
            return RescoringRun.Scope.full("no full run has completed yet");
        }
        String live = engine.current().map(org.leadscoring.scoring.ruleset.RuleSet::version).orElse(null);
        if (lastFull.rulesetVersion() == null || !lastFull.rulesetVersion().equals(live)) {
            return RescoringRun.Scope.full("the rule set changed since the last full run (" + lastFull.rulesetVersion() + " to " + live + ")");
        }
        RescoringRun last = runs.lastCompleted(model, null).orElse(lastFull);
        // The last chain read its Leads from the start of its first run on: a Lead modified after that may have been read
        // before the modification.
        RescoringRun first = runs.find(last.chainId()).orElse(last);
        return new RescoringRun.Scope(RunMode.INCREMENTAL, "Leads Zoho modified since run " + first.id() + " started, and Leads with activities",
                first.timing().startedAt().minus(CLOCK_MARGIN));
    }

    private static String modelOf(Request request) {
        return request.model() == null || request.model().isBlank() ? null : request.model();
    }

    private static RescoringRun fresh(String id, Request request, String trigger, Instant now, RunReader reader, RescoringRun.Scope scope) {
        return new RescoringRun(id, id, RunState.RUNNING, RunPhase.SCORING,
                new RescoringRun.Settings(request.dryRun(), modelOf(request), request.now() == null ? now : request.now(), trigger), scope, null,
                RescoringRun.Checkpoint.first(reader), RescoringRun.Counts.NONE, RescoringRun.Cost.NONE, null, new RescoringRun.Timing(now, now, null));
    }

    /** The next run of {@code previous}'s chain: its model, moment and checkpoint, counting afresh. */
    private static RescoringRun continuing(String id, RescoringRun previous, String trigger, Instant now) {
        RescoringRun.Settings was = previous.settings();
        RescoringRun.Checkpoint at = previous.checkpoint();
        return new RescoringRun(id, previous.chainId(), RunState.RUNNING, previous.phase(),
                new RescoringRun.Settings(false, was.model(), was.scoringNow(), trigger), previous.scope(), null,
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
