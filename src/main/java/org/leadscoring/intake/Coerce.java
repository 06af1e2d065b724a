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

    static Integer integer(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            return whole(new BigDecimal(n.toString()));
        }
        String s = value.toString().trim();
        Matcher range = RANGE.matcher(s);
        if (range.matches()) {
            // Forms ask for company size in bands ("51-200"): the middle of the band stands for it.
            long low = digits(range.group(1));
            long high = digits(range.group(2));
            return (int) ((low + high) / 2);
        }
        if (s.endsWith("+")) {
            return (int) digits(s.substring(0, s.length() - 1));
        }
        try {
            return whole(new BigDecimal(s.replaceAll("[,\\s]", "")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number: \"" + shorten(s) + "\"");
        }
    }

    static Long amountAsLong(Object value) {
        BigDecimal amount = amount(value);
        return amount == null ? null : amount.longValue();
    }

    static BigDecimal amount(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        String s = value.toString().trim().toLowerCase(Locale.ROOT);
        Matcher m = AMOUNT.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not an amount: \"" + shorten(s) + "\"");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(m.group(1).replaceAll("[,\\s]", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not an amount: \"" + shorten(s) + "\"");
        }
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "k" -> number.multiply(BigDecimal.valueOf(1_000));
            case "m", "mm", "mn" -> number.multiply(BigDecimal.valueOf(1_000_000));
            case "b", "bn" -> number.multiply(BigDecimal.valueOf(1_000_000_000));
            default -> number;
        };
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
            long v = n.longValue();
            return v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        }
        String s = value.toString().trim();
        if (s.matches("\\d{9,13}")) {
            return instant(Long.parseLong(s));
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next shape
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not a date: \"" + shorten(s) + "\"; use ISO-8601 such as 2026-11-01T12:00:00Z");
        }
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
        return Long.parseLong(s.replaceAll("[^0-9]", ""));
    }

    private static Integer whole(BigDecimal n) {
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is not a whole number: " + n.toPlainString());
        }
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
