package org.leadscoring.scoring.ruleset.language;

import java.util.List;
import java.util.Optional;

import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Contribution;

/**
 * What a rule's name and the rule language's texts (reasons, quoted values) may contain. A courtesy to people, not
 * a defence: names and reasons never reach the code Drools generates, and quoted values reach it only as string
 * literals (see {@link CheckedFile}). The check keeps out what no person means to type and what would make a name
 * ambiguous where it is shown: control and formatting characters, line breaks, the two characters DRL itself
 * would have to escape, and the names of a model's caps and floors ("fit cap"), which the explanation shows beside rules.
 */
final class RuleNames {

    /** The longest name a rule may have. */
    static final int MAX_NAME_LENGTH = 200;

    private RuleNames() {
    }

    /**
     * Why a rule's name cannot be used, or empty when it can: 1 to {@value #MAX_NAME_LENGTH} characters, not blank,
     * with letters, marks, digits, punctuation, symbols and plain spaces — no {@code "} or {@code \}, no control or
     * formatting character, no line or paragraph separator, no other kind of space, nothing unassigned or private.
     */
    static Optional<String> problem(String name) {
        String rule = "a rule's name is a sentence of up to " + MAX_NAME_LENGTH + " characters in double quotes";
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            return Optional.of(rule);
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!allowedInName(c)) {
                return Optional.of(rule + ", without " + describe(c));
            }
            i += Character.charCount(c);
        }
        return reserved(name);
    }

    /**
     * Why a rule cannot take this name, or empty when it can: the names of a model's caps and floors ({@code "fit cap"}),
     * by which the explanation, the calibration report and the suggested points tell them from rules.
     */
    static Optional<String> reserved(String name) {
        for (Axis axis : Axis.values()) {
            for (String adjustment : List.of(Contribution.cap(axis), Contribution.floor(axis))) {
                if (name.strip().equalsIgnoreCase(adjustment)) {
                    return Optional.of("\"" + adjustment + "\" is the name of the model's " + adjustment + ", not a rule's: give the rule another name");
                }
            }
        }
        return Optional.empty();
    }

    /** Why a text in quotes (a reason, a value, a pattern) cannot be used: it holds a control character or half a character. */
    static Optional<String> textProblem(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.SURROGATE) {
                return Optional.of("text in quotes may not contain " + describe(c));
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    private static boolean allowedInName(int c) {
        if (c == '"' || c == '\\') {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            case Character.SPACE_SEPARATOR -> c == ' ';
            default -> true;
        };
    }

    private static String describe(int c) {
        if (c == '"' || c == '\\') {
            return "the character " + (char) c;
        }
        return "the character U+" + String.format("%04X", c) + (Character.getName(c) == null ? "" : " (" + Character.getName(c).toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
