package org.leadscoring.crm;

import java.util.List;

/**
 * One page of records (the open Leads re-scoring reads, the records the outcome sync reads) and where the next page
 * starts. Read by COQL, a page starts after the last id of the one before ({@code afterId}). Read by listing, pages 1–10 of up to 200 records are addressed by number, and beyond
 * Zoho's 2,000-record limit for numbered pages by the page token the previous page returned.
 */
public record RecordPage(List<CrmRecord> records, Cursor next) {

    /**
     * Where a page starts: after a record id (COQL), or a page number, or a page token after the first 2,000 records
     * (listing). Null next means done.
     */
    public record Cursor(int page, String pageToken, String afterId) {

        public static final Cursor FIRST = new Cursor(1, null, null);

        public Cursor(int page, String pageToken) {
            this(page, pageToken, null);
        }

        /** The page after record {@code id}, in id order. */
        public static Cursor after(String id) {
            return new Cursor(1, null, id);
        }
    }

    public boolean hasMore() {
        return next != null;
    }
}
