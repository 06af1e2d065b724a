package org.leadscoring.crm.zoho;

import org.leadscoring.crm.Crm;

/**
 * What Zoho charges (its published API credits): 1 per call, 5 per lead conversion, a write 1 per 10 records in calls of
 * at most {@link #MAX_BATCH}, a COQL query by its LIMIT (1 up to 200 rows, 2 up to 1,000, 3 up to 2,000): the port's
 * cost model for both Zoho clients, over HTTP and dry.
 */
interface ZohoCosts extends Crm {

    /** At most this many records go in one write call. */
    int MAX_BATCH = 100;

    /** At most this many rows come in one COQL answer. */
    int MAX_COQL_ROWS = 2000;

    @Override
    default long writeCredits(int records) {
        return writeCreditsOf(records);
    }

    @Override
    default int queryCredits(int rows) {
        return coqlCredits(rows);
    }

    @Override
    default int maxQueryRows() {
        return MAX_COQL_ROWS;
    }

    static long writeCreditsOf(int records) {
        long credits = 0;
        for (int from = 0; from < records; from += MAX_BATCH) {
            credits += (Math.min(records, from + MAX_BATCH) - from + 9) / 10;
        }
        return credits;
    }

    static int coqlCredits(int limit) {
        return limit <= 200 ? 1 : limit <= 1000 ? 2 : 3;
    }
}
