package org.leadscoring.outcomes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.leadscoring.api.InvalidRequestException;

/**
 * The prospects a calibration looks at, by when they were scored: from {@code from} (inclusive) to {@code to}
 * (exclusive); either may be open (null). Given as dates ({@code 2026-11-30}: the whole day, in UTC) or instants.
 */
public record Period(Instant from, Instant to) {

    public static final Period ALL = new Period(null, null);

    /** The period two query parameters name; a bad one is refused naming its field. */
    public static Period of(String from, String to) {
        Period p = new Period(moment("from", from, false), moment("to", to, true));
        if (p.from != null && p.to != null && !p.from.isBefore(p.to)) {
            throw new InvalidRequestException("to", "must be after from");
        }
        return p;
    }

    private static Instant moment(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be a date (2026-11-30) or an instant (2026-11-30T09:00:00Z)");
        }
    }
}
