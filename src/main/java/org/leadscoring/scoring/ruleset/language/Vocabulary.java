package org.leadscoring.scoring.ruleset.language;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.leadscoring.scoring.Seniority;

/**
 * What the rule language offers a person writing a rule: the facts and the properties a condition may read, the
 * values of its enums, the annotations, the keywords and the operators. The workbench's completion and its rule
 * builder offer exactly this, read off the same definitions {@link RuleLanguage} and {@link Conditions} check against.
 */
public record Vocabulary(List<Fact> facts, Map<String, List<String>> enums, List<Annotation> annotations, List<String> keywords,
        List<String> operators) {

    /** A fact a pattern names ({@code Prospect(…)}), with its properties. */
    public record Fact(String name, List<Property> properties) {
    }

    /** A property a condition may read, and its type as a person reads it: text, number, yes/no, an enum's name, map. */
    public record Property(String name, String type) {
    }

    /** An annotation of the scoring vocabulary, the argument it takes, and what it does. */
    public record Annotation(String name, String argument, String help) {
    }

    private static final List<Annotation> ANNOTATIONS = List.of(
            new Annotation("fit", "whole number", "points on the fit axis: how well the prospect matches the customers you sell to"),
            new Annotation("engagement", "whole number", "points on the engagement axis: how interested the prospect has shown to be"),
            new Annotation("max", "whole number", "count at most this many matches of the rule (the strongest, most recent)"),
            new Annotation("routing", "contact | reject", "make the prospect a Contact, or reject them, whatever the score"),
            new Annotation("reason", "\"sentence\"", "the reason shown with the score and in Zoho"));

    /** The vocabulary as it stands: read off the classes once (VocabularyTest keeps its annotations the language's). */
    private static final Vocabulary CURRENT = build();

    /** The vocabulary of the rule language. */
    public static Vocabulary current() {
        return CURRENT;
    }

    private static Vocabulary build() {
        List<Fact> facts = Arrays.stream(FactType.values())
                .map(f -> new Fact(f.simpleName(), f.properties().entrySet().stream().map(e -> new Property(e.getKey(), typeName(e.getValue()))).toList()))
                .toList();
        return new Vocabulary(facts, Map.of(Seniority.class.getSimpleName(), Arrays.stream(Seniority.values()).map(Enum::name).toList()),
                ANNOTATIONS, List.of("package", "import", "rule", "when", "then", "end", "not", "exists"),
                List.of("==", "!=", "<", "<=", ">", ">=", "in", "matches", "contains", "&&", "||", "!"));
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "yes/no";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "number";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "map";
        }
        if (type == java.time.Instant.class) {
            return "time";
        }
        return type.getSimpleName();
    }
}
