package org.leadscoring.scoring;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads the values web forms send as text — flags ("yes", "checked"), and the counts and amounts HubSpot, Typeform,
 * Webflow and Zapier pass on for company size and revenue — into values, the same for every way a prospect arrives (the intake's fields and the
 * typed JSON of {@code POST /api/score}, through the Jackson readers below).
 *
 * <ul>
 * <li><b>Numbers in the spellings of the locales forms use</b>: {@code 1,200}, {@code 1.200}, {@code 1 200} (also with
 * no-break and thin spaces), {@code 1'200}, {@code 1,234.56}, {@code 1.234,56}, {@code 2,5}, Indian grouping
 * {@code 1,00,000}; full-width digits. A separator used more than once, or once and followed by exactly three digits,
 * groups thousands; where both {@code ,} and {@code .} appear the last one is the decimal point; otherwise a single
 * separator is the decimal point. So {@code 1.500} is fifteen hundred, never one and a half.</li>
 * <li><b>Scale words</b> in English, German, French and Indian use: {@code k}, {@code thousand}, {@code Tsd.},
 * {@code m}, {@code MM}, {@code mn}, {@code million}, {@code Mio.}, {@code b}, {@code bn}, {@code billion} (10⁹, the
 * English short scale), {@code Mrd.}, {@code milliard}, {@code lakh}, {@code crore}.</li>
 * <li><b>Currency</b> before or after: any currency sign ({@code $ € £ ¥ ₹ …}), {@code US$}-style prefixes, ISO codes
 * ({@code USD}, {@code CHF}) and the common names. The amount is taken as written: no currency is converted.</li>
 * <li><b>Bands</b>, as size and revenue fields offer them: {@code 51-200}, {@code 51 – 200}, {@code 10 to 49},
 * {@code $1M-$5M}, {@code 1-5M} (the scale of the upper end applies to a lower end without one) count as the
 * <em>middle</em> of the band, rounded down to a whole number for counts; open bands count as their bound:
 * {@code 1,000+}, {@code 10k+}, {@code over 500}, {@code more than $10M}; bands below a bound ({@code under 10},
 * {@code less than $1M}, {@code < 10}) count as half of it, the middle of zero to the bound.</li>
 * <li>Words that only say what is counted may follow: {@code 51-200 employees}, {@code $2M per year}.</li>
 * </ul>
 * Anything else is refused with {@link IllegalArgumentException} saying what was expected (never a guess), as is a
 * value with more than fifteen digits before the point, before any digit of it is materialised.
 * <p>Over ~300 lines because it is the one reader of what forms send, for every path (intake, scoring, the Zapier
 * app's values): the spellings of counts, amounts, bands and flags and their Jackson readers stay together so that no
 * path reads a value differently.
 */
public final class FormValues {

    /** Whole numbers and amounts beyond this many digits before the point are no real count or amount. */
    static final int MAX_INTEGER_DIGITS = 15;
    /** No spelling of a count or an amount is longer; longer text is refused without being read. */
    static final int MAX_TEXT = 80;
    public static final String OUT_OF_RANGE = "is out of range";

    private static final Map<String, BigDecimal> SCALES = scales();
    private static final Pattern SCALE_WORD = Pattern.compile(SCALES.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).collect(Collectors.joining("|")));
    /** A number with its group and decimal separators, then an optional scale word with its abbreviation point. */
    private static final Pattern VALUE = Pattern.compile(
            "^(?<before>[^0-9]*?)(?<sign>-)?(?<number>[0-9](?:[0-9]|[.,' ’][0-9])*)\\s*(?<scale>(?:" + SCALE_WORD.pattern()
                    + ")(?![a-z]))?\\.?(?<after>[^0-9]*)$");
    private static final Pattern BAND = Pattern.compile("^(?<low>.*?[0-9].*?)\\s*(?:-|–|—|\\bto\\b|\\bbis\\b|\\bà\\b|\\bthrough\\b)\\s*(?<high>[^0-9]*[0-9].*)$");
    private static final List<String> AT_LEAST_BEFORE = List.of(">=", "≥", ">", "over", "more than", "above", "at least", "mehr als",
            "über", "ab", "plus de", "más de", "mais de");
    private static final List<String> AT_LEAST_AFTER = List.of("+", "or more", "and more", "and above", "and over", "and up", "plus",
            "oder mehr", "und mehr", "et plus", "o más", "ou mais");
    private static final List<String> BELOW = List.of("<=", "≤", "<", "under", "less than", "fewer than", "below", "up to",
            "weniger als", "unter", "bis", "moins de", "menos de");
    /** Words that may stand around a number without changing it: what is counted, how often, how roughly. */
    private static final Set<String> WORDS = Set.of("employees", "employee", "people", "persons", "staff", "headcount", "fte",
            "mitarbeiter", "mitarbeitende", "beschäftigte", "salariés", "employés", "empleados", "funcionários",
            "per", "a", "year", "yr", "annually", "annual", "p.a.", "pa", "jahr", "pro", "im", "an", "par", "año", "ano",
            "revenue", "de", "of", "approx", "approximately", "about", "around", "ca", "circa", "roughly", "~",
            "dollars", "dollar", "euros", "euro", "pounds", "pound", "sterling", "rupees", "rupee", "yen", "francs", "franken");
    private static final Set<String> CURRENCY_CODES = Currency.getAvailableCurrencies().stream()
            .map(c -> c.getCurrencyCode().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    /** {@code us$}, {@code a$}, {@code r$}, {@code hk$}: a country's letters before a dollar or real sign. */
    private static final Pattern LETTERED_SIGN = Pattern.compile("[a-z]{1,3}\\p{Sc}");

    private FormValues() {
    }

    /** A count such as a company's employees: whole (a band's middle rounded down), at most 2³¹−1. */
    public static Integer count(Object value) {
        Reading reading = read(value, "is not a whole number", "send a number such as 250, a band such as \"51-200\", or \"1,000+\"");
        if (reading == null) {
            return null;
        }
        BigDecimal n = reading.band() ? reading.value().setScale(0, RoundingMode.FLOOR) : reading.value();
        if (n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || n.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is not a whole number: " + shorten(n.toPlainString()));
        }
    }

    /** A flag as forms tick it: true, yes, y, 1, on, checked, x; false, no, n, 0, off, unchecked (any case). */
    public static Boolean flag(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "on", "checked", "x" -> true;
            case "false", "no", "n", "0", "off", "unchecked" -> false;
            default -> throw new IllegalArgumentException("is not true or false: \"" + shorten(value.toString()) + "\"; send yes or no");
        };
    }

    /** An amount of money, as written (no currency converted); a band's middle. */
    public static BigDecimal amount(Object value) {
        Reading reading = read(value, "is not an amount", "send a number such as 2500000, or \"$2.5M\", \"€2,5 Mio.\", \"1-5M\"");
        return reading == null ? null : reading.value();
    }

    /** An amount of money to the nearest whole unit. */
    public static Long wholeAmount(Object value) {
        BigDecimal amount = amount(value);
        return amount == null ? null : amount.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * A typed number as a decimal, refusing what is too large to be a real value before any digit of it is
     * materialised: {@code new BigDecimal("1e100000000")} is cheap, its {@code toPlainString()} is not.
     */
    public static BigDecimal decimal(Number n) {
        if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        return bounded(n instanceof BigDecimal d ? d : new BigDecimal(n.toString()));
    }

    /** What a value says: a number, and whether it is the middle of a band rather than a number written. */
    private record Reading(BigDecimal value, boolean band) {
    }

    private static Reading read(Object value, String notA, String hint) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            return new Reading(decimal(n), false);
        }
        String sent = value.toString().trim();
        if (sent.length() > MAX_TEXT) {
            throw new IllegalArgumentException(notA + ": \"" + shorten(sent) + "\"");
        }
        String refusal = notA + ": \"" + shorten(sent) + "\"; " + hint;
        String s = Normalizer.normalize(sent, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        for (String word : AT_LEAST_BEFORE) {
            if (startsWithWord(s, word)) {
                return new Reading(value(s.substring(word.length()), refusal).amount(), false);
            }
        }
        String counted = withoutTrailingWords(s);
        for (String word : AT_LEAST_AFTER) {
            if (endsWithWord(counted, word)) {
                return new Reading(value(counted.substring(0, counted.length() - word.length()), refusal).amount(), false);
            }
        }
        for (String word : BELOW) {
            if (startsWithWord(s, word)) {
                return new Reading(half(value(s.substring(word.length()), refusal).amount()), true);
            }
        }
        Matcher band = BAND.matcher(s);
        if (band.matches()) {
            Value high = value(band.group("high"), refusal);
            Value low = value(band.group("low"), refusal);
            BigDecimal lowAmount = low.scale() == null && high.scale() != null ? bounded(low.number().multiply(high.scale())) : low.amount();
            if (lowAmount.compareTo(high.amount()) > 0) {
                throw new IllegalArgumentException(notA + ": \"" + shorten(sent) + "\" is a band whose lower end is above its upper end");
            }
            return new Reading(bounded(half(lowAmount.add(high.amount()))), true);
        }
        return new Reading(value(s, refusal).amount(), false);
    }

    /** The text without the words after the number that only say what is counted: "1000+ employees" → "1000+". */
    private static String withoutTrailingWords(String s) {
        String rest = s;
        int space;
        while ((space = rest.lastIndexOf(' ')) > 0 && WORDS.contains(rest.substring(space + 1))) {
            rest = rest.substring(0, space).trim();
        }
        return rest;
    }

    private static boolean startsWithWord(String s, String word) {
        return s.startsWith(word) && (!Character.isLetter(word.charAt(word.length() - 1)) || s.length() == word.length()
                || !Character.isLetter(s.charAt(word.length())));
    }

    private static boolean endsWithWord(String s, String word) {
        int at = s.length() - word.length();
        return s.endsWith(word) && (!Character.isLetter(word.charAt(0)) || at == 0 || !Character.isLetter(s.charAt(at - 1)));
    }

    private static BigDecimal half(BigDecimal n) {
        return n.divide(BigDecimal.valueOf(2));
    }

    /** One number with its scale; {@code scale} is null when none was written. */
    private record Value(BigDecimal number, BigDecimal scale) {
        BigDecimal amount() {
            return bounded(scale == null ? number : number.multiply(scale));
        }
    }

    private static Value value(String text, String refusal) {
        Matcher m = VALUE.matcher(text.trim());
        if (!m.matches() || !onlyCurrencyOrWords(m.group("before")) || !onlyCurrencyOrWords(m.group("after"))) {
            throw new IllegalArgumentException(refusal);
        }
        BigDecimal number = number(m.group("number"), refusal);
        if (m.group("sign") != null) {
            number = number.negate();
        }
        String scale = m.group("scale");
        return new Value(number, scale == null ? null : SCALES.get(scale));
    }

    /** Digits with group and decimal separators, read as described in the class comment. */
    private static BigDecimal number(String text, String refusal) {
        String digits = text.replace('’', '\'');
        // Apostrophes and spaces only ever group.
        if (digits.contains("'") || digits.contains(" ")) {
            if (!groupsOfThree(digits, "[' ]")) {
                throw new IllegalArgumentException(refusal);
            }
            digits = digits.replaceAll("[' ]", "");
        }
        int commas = count(digits, ',');
        int points = count(digits, '.');
        String plain;
        if (commas > 0 && points > 0) {
            char decimal = digits.lastIndexOf(',') > digits.lastIndexOf('.') ? ',' : '.';
            char group = decimal == ',' ? '.' : ',';
            if (count(digits, decimal) > 1 || digits.indexOf(group) > digits.lastIndexOf(decimal)) {
                throw new IllegalArgumentException(refusal);
            }
            String whole = digits.substring(0, digits.lastIndexOf(decimal));
            if (!groupsOfThree(whole, Pattern.quote(String.valueOf(group)))) {
                throw new IllegalArgumentException(refusal);
            }
            plain = whole.replace(String.valueOf(group), "") + "." + digits.substring(digits.lastIndexOf(decimal) + 1);
        } else if (commas + points > 1) {
            String separator = commas > 0 ? "," : ".";
            if (!groupsOfThree(digits, Pattern.quote(separator))) {
                throw new IllegalArgumentException(refusal);
            }
            plain = digits.replace(separator, "");
        } else if (commas + points == 1) {
            int at = Math.max(digits.indexOf(','), digits.indexOf('.'));
            boolean groups = digits.length() - at - 1 == 3;
            plain = groups ? digits.substring(0, at) + digits.substring(at + 1) : digits.substring(0, at) + "." + digits.substring(at + 1);
        } else {
            plain = digits;
        }
        // At most MAX_TEXT characters: cheap to read whole; bounded() then refuses what is too large.
        return bounded(new BigDecimal(plain));
    }

    /**
     * Whether separators group digits as people write them: the first group of one to three digits, every later one
     * of three — or of two, as Indian grouping writes lakhs and crores — and the last of three.
     */
    private static boolean groupsOfThree(String digits, String separator) {
        String[] groups = digits.split(separator, -1);
        if (groups[0].isEmpty() || groups[0].length() > 3 && groups.length > 1 && !groups[0].matches("0+")) {
            return groups.length == 1;
        }
        for (int i = 1; i < groups.length; i++) {
            int length = groups[i].length();
            if (i == groups.length - 1 ? length != 3 : length != 3 && length != 2) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyCurrencyOrWords(String text) {
        for (String word : text.trim().split("[\\s/]+")) {
            String bare = word.endsWith(".") && !WORDS.contains(word) ? word.substring(0, word.length() - 1) : word;
            boolean fits = bare.isEmpty() || WORDS.contains(bare) || CURRENCY_CODES.contains(bare) || bare.codePoints().allMatch(
                    c -> Character.getType(c) == Character.CURRENCY_SYMBOL) || LETTERED_SIGN.matcher(bare).matches();
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal bounded(BigDecimal n) {
        if (n.signum() != 0 && (long) n.precision() - n.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        // Digits after the point that no count or amount has: drop them before they cost anything.
        return n.scale() > 10 ? n.setScale(10, RoundingMode.HALF_UP) : n;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    /** What an error may repeat of a value sent: its first 40 characters. */
    public static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static Map<String, BigDecimal> scales() {
        BigDecimal thousand = BigDecimal.valueOf(1_000);
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        BigDecimal billion = BigDecimal.valueOf(1_000_000_000);
        BigDecimal lakh = BigDecimal.valueOf(100_000);
        BigDecimal crore = BigDecimal.valueOf(10_000_000);
        Map<String, BigDecimal> scales = new java.util.HashMap<>();
        for (String w : List.of("k", "thousand", "thousands", "tsd", "tausend", "mille")) {
            scales.put(w, thousand);
        }
        for (String w : List.of("m", "mm", "mn", "mln", "mio", "mill", "million", "millions", "millionen", "millón", "millones", "milhão",
                "milhões")) {
            scales.put(w, million);
        }
        for (String w : List.of("b", "bn", "bln", "billion", "billions", "mrd", "milliard", "milliards", "milliarde", "milliarden")) {
            scales.put(w, billion);
        }
        for (String w : List.of("lakh", "lakhs", "lac", "lacs")) {
            scales.put(w, lakh);
        }
        for (String w : List.of("crore", "crores", "cr")) {
            scales.put(w, crore);
        }
        return Map.copyOf(scales);
    }

    /** Reads a flag from a JSON boolean or a form's text ({@link #flag}). */
    public static final class FlagReader extends Reader<Boolean> {
        public FlagReader() {
            super(Boolean.class, FormValues::flag);
        }
    }

    /** Reads a flag that is false unless said ({@code purchased}): absent, null or blank is false. */
    public static final class FlagOrFalseReader extends Reader<Boolean> {
        public FlagOrFalseReader() {
            super(Boolean.class, value -> Boolean.TRUE.equals(flag(value)));
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctx) {
            return false;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctx) {
            return false;
        }
    }

    /** Reads a count from a JSON number or a form's text ({@link #count}). */
    public static final class CountReader extends Reader<Integer> {
        public CountReader() {
            super(Integer.class, FormValues::count);
        }
    }

    /** Reads an amount from a JSON number or a form's text ({@link #amount}). */
    public static final class AmountReader extends Reader<BigDecimal> {
        public AmountReader() {
            super(BigDecimal.class, FormValues::amount);
        }
    }

    /** Reads a whole amount from a JSON number or a form's text ({@link #wholeAmount}). */
    public static final class WholeAmountReader extends Reader<Long> {
        public WholeAmountReader() {
            super(Long.class, FormValues::wholeAmount);
        }
    }

    /**
     * A Jackson reader of a JSON number, boolean or string through one of the readers above; what they refuse becomes a mapping
     * error naming the field by its JSON path, with their message.
     */
    abstract static class Reader<T> extends StdDeserializer<T> {

        private final transient Function<Object, T> reader;

        Reader(Class<T> type, Function<Object, T> reader) {
            super(type);
            this.reader = reader;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            Object value = switch (p.currentToken()) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
                case VALUE_STRING -> p.getText();
                default -> null;
            };
            if (value == null) {
                @SuppressWarnings("unchecked")
                T refused = (T) ctx.handleUnexpectedToken(handledType(), p);
                return refused;
            }
            try {
                return reader.apply(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw JsonMappingException.from(p, e.getMessage(), new IllegalArgumentException(e.getMessage(), e));
            }
        }
    }
}
