package org.leadscoring.crm.zoho;

/**
 * Zoho calls made and API credits spent, so callers can report and budget them. Credits follow Zoho's published
 * costs: 1 per call, 5 per lead conversion, COQL by its LIMIT (1 up to 200 rows, 2 up to 1,000, 3 up to 2,000),
 * and writes 1 per 10 records.
 */
public record ZohoUsage(long calls, long credits, long retries, long tokenRefreshes) {
}
