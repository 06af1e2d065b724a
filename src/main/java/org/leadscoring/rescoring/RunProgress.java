package org.leadscoring.rescoring;

import java.time.Instant;

import org.leadscoring.crm.zoho.CreditBudget;

/**
 * A run's progress while it executes, saved as a {@link RescoringRun} at each checkpoint. The calls and credits are
 * those charged to the run's {@link CreditBudget} (where the calls are made) on top of what the run had spent
 * before it was resumed.
 */
final class RunProgress {

    final RescoringRun start;
    final CreditBudget budget;
    RunState state = RunState.RUNNING;
    RunPhase phase;
    String rulesetVersion;
    int cursorPage;
    String cursorToken;
    int pagesDone;
    Integer total;
    int scanned;
    int unchanged;
    int changed;
    int converted;
    int failed;
    String message;
    Instant finishedAt;
    private int[] marked;

    /** @param budget the credits the whole run may spend, those spent before a resume included */
    RunProgress(RescoringRun r, long budget) {
        this.start = r;
        this.budget = CreditBudget.of(Math.max(0, budget - r.counts().credits()));
        this.phase = r.phase();
        this.rulesetVersion = r.rulesetVersion();
        this.cursorPage = r.checkpoint().cursorPage();
        this.cursorToken = r.checkpoint().cursorToken();
        this.pagesDone = r.checkpoint().pagesDone();
        RescoringRun.Counts c = r.counts();
        this.total = c.total();
        this.scanned = c.scanned();
        this.unchanged = c.unchanged();
        this.changed = c.changed();
        this.converted = c.converted();
        this.failed = c.failed();
        this.message = r.message();
    }

    String id() {
        return start.id();
    }

    String chainId() {
        return start.chainId();
    }

    RescoringRun.Settings settings() {
        return start.settings();
    }

    boolean dryRun() {
        return start.dryRun();
    }

    long credits() {
        return start.counts().credits() + budget.credits();
    }

    /** Remembers the counts at the start of a page. */
    void mark() {
        marked = new int[] { scanned, unchanged, changed, converted, failed };
    }

    /** Forgets what a page that was not finished counted; the calls it made stay counted. */
    void resetToMark() {
        if (marked != null) {
            scanned = marked[0];
            unchanged = marked[1];
            changed = marked[2];
            converted = marked[3];
            failed = marked[4];
        }
    }

    /** Ends the run in {@code end} with {@code why} (null: no message). */
    void end(RunState end, String why) {
        state = end;
        if (end == RunState.COMPLETED) {
            phase = RunPhase.DONE;
        }
        if (why != null) {
            message = why;
        }
        finishedAt = Instant.now();
    }

    RescoringRun snapshot() {
        return new RescoringRun(start.id(), start.chainId(), state, phase, start.settings(), rulesetVersion,
                new RescoringRun.Checkpoint(cursorPage, cursorToken, pagesDone),
                new RescoringRun.Counts(total, scanned, unchanged, changed, converted, failed, start.counts().calls() + budget.calls(), credits()),
                message, new RescoringRun.Timing(start.timing().startedAt(), Instant.now(), finishedAt));
    }
}
