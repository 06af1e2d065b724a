package org.leadscoring.rescoring;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.RecordPage;
import org.leadscoring.jobs.Workers;

/**
 * Reads the pages of open Leads for one run. Pages come one after another (each page's token leads to the next), so
 * the next page can be read while the current one is scored and written: a run then takes about one read per page
 * rather than a read plus the writes. Every read is charged to the run's budget when it is made.
 */
final class LeadPager implements AutoCloseable {

    private final Function<RecordPage.Cursor, RecordPage> source;
    private final ExecutorService reader;
    private final CreditBudget budget;
    private final long readCost;
    private RecordPage.Cursor aheadCursor;
    private Future<RecordPage> ahead;

    /**
     * @param source   reads the page at a cursor (by COQL or by listing)
     * @param readCost the credits one read costs, to know whether the budget affords a read ahead
     */
    LeadPager(Function<RecordPage.Cursor, RecordPage> source, long readCost, ExecutorService reader, CreditBudget budget) {
        this.source = source;
        this.readCost = readCost;
        this.reader = reader;
        this.budget = budget;
    }

    /** The page at {@code cursor}: the one read ahead, or read now. */
    RecordPage read(RecordPage.Cursor cursor) {
        if (ahead != null && cursor.equals(aheadCursor)) {
            Future<RecordPage> page = ahead;
            ahead = null;
            return Workers.await(page, "reading leads");
        }
        close();
        return source.apply(cursor);
    }

    /**
     * Starts reading the page at {@code cursor} when the budget affords that read on top of {@code reserved} credits
     * (what the current page's writes may cost).
     */
    void readAhead(RecordPage.Cursor cursor, long reserved) {
        if (budget.affords(reserved + readCost)) {
            aheadCursor = cursor;
            ahead = reader.submit(() -> source.apply(cursor));
        }
    }

    /** Drops a page read ahead that will not be used. */
    @Override
    public void close() {
        if (ahead != null) {
            ahead.cancel(true);
            ahead = null;
        }
    }

}
