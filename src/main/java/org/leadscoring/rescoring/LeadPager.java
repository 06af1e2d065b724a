package org.leadscoring.rescoring;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.leadscoring.crm.zoho.CreditBudget;
import org.leadscoring.crm.zoho.LeadPage;
import org.leadscoring.crm.zoho.ZohoCrm;

/**
 * Reads the pages of open Leads for one run. Pages come one after another (each page's token leads to the next), so
 * the next page can be read while the current one is scored and written: a run then takes about one read per page
 * rather than a read plus the writes. Every read is charged to the run's budget when it is made.
 */
final class LeadPager implements AutoCloseable {

    private final ZohoCrm zoho;
    private final ExecutorService reader;
    private final CreditBudget budget;
    private final List<String> fields;
    private final int pageSize;
    private LeadPage.Cursor aheadCursor;
    private Future<LeadPage> ahead;

    LeadPager(ZohoCrm zoho, ExecutorService reader, CreditBudget budget, List<String> fields, int pageSize) {
        this.zoho = zoho;
        this.reader = reader;
        this.budget = budget;
        this.fields = fields;
        this.pageSize = pageSize;
    }

    /** The page at {@code cursor}: the one read ahead, or read now. */
    LeadPage read(LeadPage.Cursor cursor) {
        if (ahead != null && cursor.equals(aheadCursor)) {
            Future<LeadPage> page = ahead;
            ahead = null;
            return await(page);
        }
        close();
        return zoho.openLeads(fields, cursor, pageSize);
    }

    /**
     * Starts reading the page at {@code cursor} when the budget affords that read on top of {@code reserved} credits
     * (what the current page's writes may cost).
     */
    void readAhead(LeadPage.Cursor cursor, long reserved) {
        if (budget.affords(reserved + 1)) {
            aheadCursor = cursor;
            ahead = reader.submit(() -> budget.within(() -> zoho.openLeads(fields, cursor, pageSize)));
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

    private static LeadPage await(Future<LeadPage> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading leads", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
