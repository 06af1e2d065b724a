package org.leadscoring.crm.zoho;

import java.util.List;

/**
 * One page of open Leads and where the next page starts. Pages 1–10 of up to 200 records are addressed by
 * number; beyond Zoho's 2,000-record limit for numbered pages, by the page token the previous page returned.
 */
public record LeadPage(List<ZohoRecord> records, Cursor next) {

    /** Where a page starts: a page number, or a page token after the first 2,000 records. Null next means done. */
    public record Cursor(int page, String pageToken) {

        public static final Cursor FIRST = new Cursor(1, null);
    }

    public boolean hasMore() {
        return next != null;
    }
}
