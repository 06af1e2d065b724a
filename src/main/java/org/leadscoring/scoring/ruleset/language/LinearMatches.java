package org.leadscoring.scoring.ruleset.language;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.drools.model.functions.Operator;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The {@code matches} of the rule language, evaluated by RE2/J in time linear in the text matched, so no
 * pattern can backtrack for seconds on a short address the way {@code (.*a){20}b} does with
 * {@code java.util.regex}. The rule language writes {@code email matches "…"}; the canonical DRL it compiles
 * says {@link #NAME} instead, the operator Drools finds registered here.
 */
public enum LinearMatches implements Operator.SingleValue<String, String> {
    INSTANCE;

    /** The operator's name in the canonical DRL; never accepted from a rule file. */
    public static final String NAME = "linearMatches";

    /** Longest pattern a rule may give: patterns are short lists of words and shapes, not programs. */
    public static final int MAX_PATTERN_LENGTH = 500;

    private static final int MAX_CACHED = 10_000;
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

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
        Pattern pattern = COMPILED.get(regex);
        if (pattern == null) {
            if (COMPILED.size() >= MAX_CACHED) {
                COMPILED.clear();
            }
            pattern = COMPILED.computeIfAbsent(regex, Pattern::compile);
        }
        return pattern.matches(input);
    }

    /** Why a pattern cannot be used, or empty when RE2/J accepts it. */
    public static Optional<String> problem(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            return Optional.of("the pattern is " + regex.length() + " characters long; at most " + MAX_PATTERN_LENGTH + " are allowed");
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
