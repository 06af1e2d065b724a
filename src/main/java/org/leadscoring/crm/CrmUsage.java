package org.leadscoring.crm;

/**
 * Zoho calls made and API credits spent, so callers can report and budget them, and what Zoho did that the service
 * had to work around. Credits follow Zoho's published costs: 1 per call, 5 per lead conversion, COQL by its LIMIT
 * (1 up to 200 rows, 2 up to 1,000, 3 up to 2,000), and writes 1 per 10 records.
 *
 * @param throttles    answers asking to slow down (429)
 * @param lostAnswers  writes that may not be repeated whose answer was lost (5xx, timeout, not Zoho's JSON)
 * @param looseMatches records Zoho answered for a lookup by email that were not the person asked for
 * @param creditsRemaining the credits the CRM last said remain in its window (Zoho: {@code X-API-CREDITS-REMAINING}, sent once
 *                     half of the day's are used), or -1 while it has not said
 */
public record CrmUsage(long calls, long credits, long retries, long tokenRefreshes, long throttles, long lostAnswers, long looseMatches,
        long creditsRemaining) {

    /** Nothing yet. */
    public static final CrmUsage NONE = new CrmUsage(0, 0, 0, 0, 0, 0, 0, -1);
}
