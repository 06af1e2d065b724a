package org.leadscoring.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the strings forms send into values: "1,200" and "51-200" into numbers, "yes" into true, "$10M" into ten
 * million, dates in the usual shapes into instants. Each throws {@link IllegalArgumentException} saying what it
 * expected.
 */
final class Coerce {

    private static final Pattern RANGE = Pattern.compile("^\\s*([0-9][0-9,. ]*)\\s*(?:-|–|to)\\s*([0-9][0-9,. ]*)\\s*$");
    private static final Pattern AMOUNT = Pattern.compile("^\\s*[^0-9\\-]*?(-?[0-9][0-9,. ]*)\\s*([kmb]|mm|mn|bn)?\\s*[a-z]*\\s*$");

    private Coerce() {
    }

    /** Whole numbers and amounts beyond this many digits before the point are no real count or amount. */
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private static final String OUT_OF_RANGE = "is out of range";

    static Integer integer(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            return whole(decimal(n));
        }
        String s = value.toString().trim();
        Matcher range = RANGE.matcher(s);
        if (range.matches()) {
            // Forms ask for company size in bands ("51-200"): the middle of the band stands for it.
            long low = digits(range.group(1));
            long high = digits(range.group(2));
            return whole(BigDecimal.valueOf((low + high) / 2));
        }
        if (s.endsWith("+")) {
            return whole(BigDecimal.valueOf(digits(s.substring(0, s.length() - 1))));
        }
        return whole(parse(s.replaceAll("[,\\s]", ""), "is not a whole number: \"" + shorten(s) + "\""));
    }

    /**
     * A number as a decimal, refusing what is too large to be a real value before any digit of it is
     * materialised: {@code new BigDecimal("1e100000000")} is cheap, its {@code toPlainString()} is not.
     */
    private static BigDecimal parse(String s, String notANumber) {
        BigDecimal n;
        try {
            n = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(notANumber);
        }
        return bounded(n);
    }

    private static BigDecimal decimal(Number n) {
        if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        return bounded(n instanceof BigDecimal d ? d : new BigDecimal(n.toString()));
    }

    private static BigDecimal bounded(BigDecimal n) {
        if (n.signum() != 0 && (long) n.precision() - n.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        // Digits after the point that no count or amount has: drop them before they cost anything.
        return n.scale() > 10 ? n.setScale(10, java.math.RoundingMode.HALF_UP) : n;
    }

    static Long amountAsLong(Object value) {
        BigDecimal amount = amount(value);
        return amount == null ? null : amount.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    static BigDecimal amount(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            return decimal(n);
        }
        String s = value.toString().trim().toLowerCase(Locale.ROOT);
        Matcher m = AMOUNT.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not an amount: \"" + shorten(s) + "\"");
        }
        BigDecimal number = parse(m.group(1).replaceAll("[,\\s]", ""), "is not an amount: \"" + shorten(s) + "\"");
        String unit = m.group(2) == null ? "" : m.group(2);
        return bounded(switch (unit) {
            case "k" -> number.multiply(BigDecimal.valueOf(1_000));
            case "m", "mm", "mn" -> number.multiply(BigDecimal.valueOf(1_000_000));
            case "b", "bn" -> number.multiply(BigDecimal.valueOf(1_000_000_000));
            default -> number;
        });
    }

    static Boolean bool(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "on", "checked", "x" -> true;
            case "false", "no", "n", "0", "off", "unchecked" -> false;
            default -> throw new IllegalArgumentException("is not true or false: \"" + shorten(value.toString()) + "\"");
        };
    }

    static Instant instant(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            BigDecimal v = decimal(n);
            if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(10_000_000_000_000L)) > 0) {
                throw new IllegalArgumentException(OUT_OF_RANGE + ": send a date between 1970 and 2200");
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
            throw new IllegalArgumentException("is not a date: \"" + shorten(s) + "\"; use ISO-8601 such as 2026-11-01T12:00:00Z");
        }
    }

    private static Instant inRange(Instant at) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new IllegalArgumentException(OUT_OF_RANGE + ": send a date between 1970 and 2200");
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

    private static long digits(String s) {
        String digits = s.replaceAll("[^0-9]", "");
        if (digits.length() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        return Long.parseLong(digits);
    }

    private static Integer whole(BigDecimal n) {
        if (n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || n.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is not a whole number: " + shorten(n.toString()));
        }
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
