package org.leadscoring.crm.zoho;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the pace headers of an answer into an instant (epoch millis). Never more than an hour ahead: a header that
 * says otherwise is Zoho's mistake or someone else's, and an hour without Zoho is already an outage. Also reads a count
 * of credits, which no edition can exceed {@link #MOST_CREDITS}.
 */
final class RateHeaders {

    static final long LONGEST_MILLIS = 3_600_000;
    /** More credits than any organisation has in a day (Ultimate: unlimited in name, far fewer in practice). */
    static final long MOST_CREDITS = 1_000_000_000L;

    private RateHeaders() {
    }

    /**
     * {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110 §10.2.3); also read for the seconds Zoho may put in a
     * 429's {@code details.retry_after}.
     */
    static Optional<Long> retryAfter(String value, long now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(now + Math.min(LONGEST_MILLIS, Long.parseLong(v) * 1000));
        }
        try {
            long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Optional.of(Math.min(now + LONGEST_MILLIS, Math.max(now, at)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code X-RATELIMIT-RESET}: Zoho does not say its unit, so a number is read as epoch milliseconds when it is that
     * large, as epoch seconds when it is that large, and else as seconds from now.
     */
    static Optional<Long> reset(String value, long now) {
        if (value == null || !value.trim().matches("\\d{1,15}")) {
            return Optional.empty();
        }
        long n = Long.parseLong(value.trim());
        long at = n > 100_000_000_000L ? n : n > 1_000_000_000L ? n * 1000 : now + n * 1000;
        return Optional.of(Math.min(now + LONGEST_MILLIS, Math.max(now, at)));
    }

    /** A count of credits ({@code X-API-CREDITS-REMAINING}): digits only, at most {@link #MOST_CREDITS}; anything else is not believed. */
    static Optional<Long> count(String value) {
        if (value == null || !value.trim().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        long n = Long.parseLong(value.trim());
        return n <= MOST_CREDITS ? Optional.of(n) : Optional.empty();
    }
}
