package org.leadscoring.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.leadscoring.scoring.FormValues;

/**
 * Turns the strings forms send into dates and text: dates in the usual shapes into instants (flags, counts and
 * amounts: {@link FormValues}, which {@code POST /api/score} reads through too). Each throws
 * {@link IllegalArgumentException} saying what it expected.
 */
final class Coerce {

    private Coerce() {
    }

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    static Instant instant(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            BigDecimal v = FormValues.decimal(n);
            if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(10_000_000_000_000L)) > 0) {
                throw new IllegalArgumentException(FormValues.OUT_OF_RANGE + ": send a date between 1970 and 2200");
            }
            long epoch = v.longValue();
            return inRange(epoch > 100_000_000_000L ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch));
        }
        String s = value.toString().trim();
        if (s.matches("\\d{9,13}")) {
            return instant(Long.parseLong(s));
        }
        try {
            return inRange(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return inRange(LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return inRange(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not a date: \"" + FormValues.shorten(s) + "\"; use ISO-8601 such as 2026-11-01T12:00:00Z");
        }
    }

    private static Instant inRange(Instant at) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new IllegalArgumentException(FormValues.OUT_OF_RANGE + ": send a date between 1970 and 2200");
        }
        return at;
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(null);
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
