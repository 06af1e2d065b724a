package org.leadscoring.scoring.ruleset.language;

import java.util.Map;
import java.util.Optional;

import org.drools.model.functions.Operator;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The {@code matches} of the rule language, evaluated by RE2/J in time linear in the text matched, so no
 * pattern can backtrack for seconds on a short address the way {@code (.*a){20}b} does with
 * {@code java.util.regex}. The rule language writes {@code email matches "…"}; the canonical DRL it compiles
 * says {@link #NAME} instead, the operator Drools finds registered here.
 * <p>Longer than ~300 lines on purpose: the pattern's parser, its automaton and the bound on its cost are one
 * security argument (no pattern can hold a core), reviewed in one file.
 */
public enum LinearMatches implements Operator.SingleValue<String, String> {
    INSTANCE;

    /** The operator's name in the canonical DRL; never accepted from a rule file. */
    public static final String NAME = "linearMatches";

    /** Longest pattern a rule may give: patterns are short lists of words and shapes, not programs. */
    public static final int MAX_PATTERN_LENGTH = 500;

    /**
     * How many characters of a text {@code matches} reads: the first {@value}, as a pattern matches them. No field of a
     * prospect that rules look at is longer in a real record (an address is at most 254 characters, Zoho's text fields
     * 255); a longer text is matched on its first {@value} characters, so no text can make a pattern cost more.
     */
    public static final int MAX_TEXT = 256;

    /**
     * The largest program a pattern may compile to, counted before anything is compiled: characters, classes and
     * groups, each counted repetition multiplying what it repeats ({@code a{3}} counts 3). RE2/J's work on a text is
     * at most about this many steps per character.
     */
    public static final int MAX_PROGRAM = 2_000;

    /**
     * What one step of RE2/J costs at most — one instruction of a pattern's program on one character — in nanoseconds:
     * the worst measured by {@code bench/run regex} (about 15 ns for nested counted repetitions on this class of machine)
     * with room to spare. Rule sets are refused when their patterns could cost more than the scoring time bound.
     */
    public static final double NANOS_PER_STEP = 20;

    /** The largest count a repetition may give ({@code {0,1000}}), as RE2 itself allows. */
    static final int MAX_COUNT = 1_000;
    /** How deeply groups may nest in a pattern. */
    static final int MAX_NESTING = 10;

    /** Patterns compiled for the rule set scoring on this thread; set around each evaluation (see {@link #within}). */
    private static final ThreadLocal<Map<String, Pattern>> SCORING = new ThreadLocal<>();

    static {
        // Drools reads its operator registries once, when it first parses a constraint: register before that.
        Operator.Register.register(INSTANCE);
        org.drools.drl.parser.impl.Operator.addOperatorToRegistry(NAME, false);
        org.drools.drl.parser.impl.Operator.addOperatorToRegistry(NAME, true);
    }

    /** Makes sure the operator is registered with Drools; call before compiling canonical DRL. */
    public static void register() {
        // The static initialiser does the work; this only forces it to run.
    }

    @Override
    public String getOperatorName() {
        return NAME;
    }

    @Override
    public boolean eval(String input, String regex) {
        if (input == null) {
            return false;
        }
        Map<String, Pattern> compiled = SCORING.get();
        Pattern pattern = compiled == null ? null : compiled.get(regex);
        if (pattern == null) {
            // Only code generated from checked patterns calls this, so compiling here is bounded too; it is the slow path of
            // an evaluation that did not go through {@link #within} (a test calling Drools directly).
            pattern = Pattern.compile(regex);
        }
        return pattern.matches(input.length() > MAX_TEXT ? input.substring(0, MAX_TEXT) : input);
    }

    /**
     * Compiles the patterns of one rule set, once; they belong to it and go when it goes. Each was checked by
     * {@link #problem} when its rule file was.
     */
    public static Map<String, Pattern> compileAll(java.util.Collection<String> regexes) {
        Map<String, Pattern> compiled = new java.util.HashMap<>();
        for (String regex : regexes) {
            compiled.computeIfAbsent(regex, Pattern::compile);
        }
        return Map.copyOf(compiled);
    }

    /**
     * Runs an evaluation with a rule set's compiled patterns at hand. Drools calls an operator with the pattern's text
     * and nothing else, and evaluates on the caller's thread, so the rule set's patterns travel with the thread for the
     * length of the evaluation, never longer.
     */
    public static <T> T within(Map<String, Pattern> patterns, java.util.function.Supplier<T> evaluation) {
        Map<String, Pattern> outer = SCORING.get();
        SCORING.set(patterns);
        try {
            return evaluation.get();
        } finally {
            if (outer == null) {
                SCORING.remove();
            } else {
                SCORING.set(outer);
            }
        }
    }

    /** Why a pattern cannot be used, or empty when it can: its length, its shape and size are checked before it is compiled. */
    public static Optional<String> problem(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            return Optional.of("the pattern is " + regex.length() + " characters long; at most " + MAX_PATTERN_LENGTH + " are allowed");
        }
        try {
            long size = programSize(regex);
            if (size > MAX_PROGRAM) {
                return Optional.of("the pattern is too costly: its repetitions make it " + (size >= Integer.MAX_VALUE ? "far more than "
                        : "about " + size + ", more than ") + MAX_PROGRAM + " steps per character read; repeat less, or fewer times");
            }
        } catch (IllegalArgumentException shape) {
            return Optional.of(shape.getMessage());
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            String description = e.getDescription() == null ? "it is not a valid pattern" : e.getDescription();
            return Optional.of("the pattern cannot be used (" + description + "); patterns may not use back-references or look-around");
        }
        if (repeatsARepetition(regex)) {
            return Optional.of("the pattern repeats a group that itself repeats, such as (a+)+ or (.*a){20}: write it without the outer"
                    + " repetition");
        }
        return Optional.empty();
    }

    /**
     * Whether a group that contains a repetition is itself repeated. RE2/J matches such patterns in linear time
     * anyway; they are refused so that no rule relies on a shape that explodes in every backtracking engine.
     */
    static boolean repeatsARepetition(String regex) {
        java.util.ArrayDeque<boolean[]> groups = new java.util.ArrayDeque<>();
        groups.push(new boolean[1]);
        boolean lastWasRepeatingGroup = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            boolean repeatingGroupClosed = false;
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = endOfClass(regex, i);
            } else if (c == '(') {
                groups.push(new boolean[1]);
            } else if (c == ')' && groups.size() > 1) {
                repeatingGroupClosed = groups.pop()[0];
                if (repeatingGroupClosed) {
                    groups.peek()[0] = true;
                }
            } else if (c == '*' || c == '+' || c == '{' && isRepetition(regex, i)) {
                int end = c == '{' ? regex.indexOf('}', i) : i;
                boolean repeats = c != '{' || repeatsMoreThanOnce(regex.substring(i + 1, end));
                if (repeats && lastWasRepeatingGroup) {
                    return true;
                }
                if (repeats) {
                    groups.peek()[0] = true;
                }
                i = end;
                if (i + 1 < regex.length() && (regex.charAt(i + 1) == '?' || regex.charAt(i + 1) == '+')) {
                    i++;
                }
            }
            lastWasRepeatingGroup = repeatingGroupClosed;
        }
        return false;
    }

    /**
     * The size of the program a pattern compiles to, counted on its text before anything is compiled (an upper bound,
     * saturating past {@link #MAX_PROGRAM}); refuses counts over {@value #MAX_COUNT} and groups nested more than
     * {@value #MAX_NESTING} deep.
     *
     * @throws IllegalArgumentException with a message for people when the shape is refused
     */
    public static long programSize(String regex) {
        return new Shape(regex).size();
    }

    /** A walk over a pattern's text that adds up what each part compiles to. */
    private static final class Shape {
        private static final long CAP = Integer.MAX_VALUE;
        private final String re;
        private int i;
        private int depth;

        Shape(String re) {
            this.re = re;
        }

        long size() {
            long size = alternation();
            while (i < re.length()) {
                // An unbalanced ")": RE2/J refuses the pattern when it is compiled; count the rest anyway.
                i++;
                size = add(size, alternation());
            }
            return size;
        }

        private long alternation() {
            long size = sequence();
            while (i < re.length() && re.charAt(i) == '|') {
                i++;
                size = add(add(size, sequence()), 1);
            }
            return size;
        }

        private long sequence() {
            long size = 0;
            while (i < re.length() && re.charAt(i) != '|' && re.charAt(i) != ')') {
                size = add(size, quantified(atom()));
            }
            return size;
        }

        private long atom() {
            char c = re.charAt(i);
            if (c == '(') {
                i++;
                if (++depth > MAX_NESTING) {
                    throw new IllegalArgumentException("the pattern nests groups more than " + MAX_NESTING + " deep");
                }
                boolean flagsOnly = false;
                if (i < re.length() && re.charAt(i) == '?') {
                    int close = i;
                    while (close < re.length() && re.charAt(close) != ':' && re.charAt(close) != ')' && re.charAt(close) != '>') {
                        close++;
                    }
                    flagsOnly = close < re.length() && re.charAt(close) == ')';
                    i = Math.min(close + 1, re.length());
                }
                long inner = flagsOnly ? 0 : alternation();
                if (!flagsOnly && i < re.length() && re.charAt(i) == ')') {
                    i++;
                }
                depth--;
                return add(inner, 2);
            }
            if (c == '[') {
                i = endOfClass(re, i) + 1;
                return 1;
            }
            if (c == '\\' && i + 1 < re.length()) {
                char e = re.charAt(i + 1);
                if (e == 'Q') {
                    int end = re.indexOf("\\E", i + 2);
                    int literal = (end < 0 ? re.length() : end) - (i + 2);
                    i = end < 0 ? re.length() : end + 2;
                    return Math.max(literal, 1);
                }
                if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < re.length() && re.charAt(i + 2) == '{') {
                    int close = re.indexOf('}', i);
                    i = close < 0 ? re.length() : close + 1;
                    return 1;
                }
                i += (e == 'p' || e == 'P') ? 3 : 2;
                i = Math.min(i, re.length());
                return 1;
            }
            i += Character.charCount(re.codePointAt(i));
            return 1;
        }

        private long quantified(long atom) {
            long size = atom;
            while (i < re.length()) {
                char c = re.charAt(i);
                if (c == '*' || c == '+' || c == '?') {
                    size = add(size, 1);
                    i++;
                } else if (c == '{' && isRepetition(re, i)) {
                    int close = re.indexOf('}', i);
                    String[] bounds = re.substring(i + 1, close).split(",", -1);
                    long min = count(bounds[0]);
                    long max = bounds.length == 1 ? min : bounds[1].isEmpty() ? min + 1 : count(bounds[1]);
                    size = add(multiply(size, Math.max(Math.max(min, max), 1)), Math.max(min, max));
                    i = close + 1;
                } else {
                    break;
                }
                if (i < re.length() && re.charAt(i) == '?') {
                    i++;
                }
            }
            return size;
        }

        private static long count(String digits) {
            if (digits.length() > 4 || Integer.parseInt(digits) > MAX_COUNT) {
                throw new IllegalArgumentException("a repetition in the pattern counts " + digits + "; at most " + MAX_COUNT + " is allowed");
            }
            return Integer.parseInt(digits);
        }

        private static long add(long a, long b) {
            return Math.min(CAP, a + b);
        }

        private static long multiply(long a, long b) {
            return a > CAP / b ? CAP : Math.min(CAP, a * b);
        }
    }

    private static int endOfClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            if (regex.charAt(i) == '\\') {
                i++;
            } else if (regex.charAt(i) == ']') {
                return i;
            }
        }
        return regex.length();
    }

    private static boolean isRepetition(String regex, int open) {
        int close = regex.indexOf('}', open);
        return close > open + 1 && regex.substring(open + 1, close).matches("\\d+(,\\d*)?");
    }

    private static boolean repeatsMoreThanOnce(String bounds) {
        String[] parts = bounds.split(",", -1);
        return parts.length == 2 && (parts[1].isEmpty() || Integer.parseInt(parts[1]) > 1) || Integer.parseInt(parts[0]) > 1;
    }
}
