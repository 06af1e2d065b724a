package org.leadscoring.rescoring;

import java.time.Instant;

import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.RecordPage;
import org.leadscoring.jobs.RunState;

/**
 * A run's progress while it executes, saved as a {@link RescoringRun} at each checkpoint. The calls and credits are
 * those charged to the run's {@link CreditBudget} (where the calls are made) on top of what the run had spent
 * before it was resumed. While a page is scored, the saver thread saves an earlier one's checkpoint: the counts and
 * cursor are then the saver's until the rescoring thread awaits that page.
 */
final class RunProgress {

    final RescoringRun start;
    final CreditBudget budget;
    RunState state = RunState.RUNNING;
    RunPhase phase;
    /** Set as Leads are scored while the saver thread saves an earlier page's checkpoint. */
    volatile String rulesetVersion;
    RunReader reader;
    int cursorPage;
    String cursorToken;
    String cursorAfterId;
    int pagesDone;
    Integer total;
    Integer candidates;
    RescoringRun.Scope scope;
    int scanned;
    int unchanged;
    int changed;
    int converted;
    int failed;
    String message;
    Instant finishedAt;

    /** @param budget the credits the whole run may spend, those spent before a resume included */
    RunProgress(RescoringRun r, long budget) {
        this.start = r;
        this.budget = CreditBudget.of(Math.max(0, budget - r.cost().credits()));
        this.phase = r.phase();
        this.rulesetVersion = r.rulesetVersion();
        this.reader = r.checkpoint().reader();
        this.cursorPage = r.checkpoint().cursorPage();
        this.cursorToken = r.checkpoint().cursorToken();
        this.cursorAfterId = r.checkpoint().cursorAfterId();
        this.pagesDone = r.checkpoint().pagesDone();
        RescoringRun.Counts c = r.counts();
        this.total = c.total();
        this.candidates = c.candidates();
        this.scope = r.scope();
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

    RescoringRun.Scope scope() {
        return scope;
    }

    RescoringRun.Settings settings() {
        return start.settings();
    }

    boolean dryRun() {
        return start.dryRun();
    }

    long credits() {
        return start.cost().credits() + budget.credits();
    }

    /** Where the next page starts. */
    RecordPage.Cursor cursor() {
        return new RecordPage.Cursor(cursorPage, cursorToken, cursorAfterId);
    }

    /** Where the next run of the chain goes on, in words. */
    String where() {
        return cursorAfterId != null ? "after Lead " + cursorAfterId : cursorToken != null ? "page token " + cursorToken : "page " + cursorPage;
    }

    /** Moves the checkpoint to {@code next}, the cursor of the page after the one just done. */
    void advance(RecordPage.Cursor next) {
        cursorPage = next.page();
        cursorToken = next.pageToken();
        cursorAfterId = next.afterId();
    }

    /** Adds what a batch counted, once its checkpoint is saved. */
    void add(LeadScorer.Tally t) {
        scanned += t.scanned;
        unchanged += t.unchanged;
        changed += t.changed;
        failed += t.failed;
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
        RescoringRun.Cost before = start.cost();
        return new RescoringRun(start.id(), start.chainId(), state, phase, start.settings(), scope, rulesetVersion,
                new RescoringRun.Checkpoint(reader, cursorPage, cursorToken, cursorAfterId, pagesDone),
                new RescoringRun.Counts(total, candidates, scanned, unchanged, changed, converted, failed),
                new RescoringRun.Cost(before.calls() + budget.calls(), credits(), before.readCredits() + budget.readCredits(),
                        before.writeCredits() + budget.writeCredits()),
                message, new RescoringRun.Timing(start.timing().startedAt(), Instant.now(), finishedAt));
    }
}
