package org.leadscoring.jobs;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.CrmException;
import org.leadscoring.store.Database;

/**
 * The one shape of a resumable, budgeted, leased background run (a re-scoring run, an outcome sync): it holds its kind's
 * {@link Lease}, spends at most its {@link CreditBudget}, saves a checkpoint per page (the caller's), and ends in one of
 * the {@link RunState}s with a message that says where the next run continues. Each kind keeps its own progress and
 * checkpoint; what a run does between them is the caller's.
 */
@ApplicationScoped
public class Runs {

    private static final Logger LOG = Logger.getLogger(Runs.class);

    private final Database db;
    private final String instance = "instance-" + UUID.randomUUID();

    public Runs(Database db) {
        this.db = db;
    }

    /** The lease of one kind of run ({@code rescoring}, {@code outcome-sync}), held as this instance. */
    public Lease lease(String kind) {
        return new Lease(db, kind, instance);
    }

    /** How a run ended: its state, and the message saying why and where the next one continues (null: completed). */
    public record Ending(RunState state, String message) {
    }

    /**
     * Runs {@code body}, which charges its CRM calls to {@code budget} ({@code Crm.chargedTo}), and says how it ended: completed; stopped at the budget or interrupted by
     * the CRM (the next run continues from {@code where}); or failed for another reason (logged with its stack). The
     * caller saves the ending and releases its lease.
     *
     * @param what  the run, for the log ("Re-scoring run run_…")
     * @param where where the run stands now, for the message
     */
    public Ending execute(String what, CreditBudget budget, Supplier<String> where, Runnable body) {
        try {
            body.run();
            return new Ending(RunState.COMPLETED, null);
        } catch (CreditBudget.Exhausted e) {
            return new Ending(RunState.STOPPED_BUDGET, "Stopped at the credit budget of " + budget.limit() + "; the next run continues from " + where.get());
        } catch (CrmException e) {
            return new Ending(RunState.INTERRUPTED, "Zoho failed: " + e.error() + "; the next run continues from " + where.get());
        } catch (RuntimeException e) {
            LOG.error(what + " failed", e);
            return new Ending(RunState.FAILED, "Failed: " + e.getMessage());
        }
    }
}
