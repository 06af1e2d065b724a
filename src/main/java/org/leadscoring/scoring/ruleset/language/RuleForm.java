package org.leadscoring.scoring.ruleset.language;

import java.util.List;

/**
 * A rule in the shape the workbench's rule builder edits: "give 10 fit points when industry is one of Software, SaaS
 * and employeeCount is at least 50, after a webinar_attended in the last 30 days", or "make the prospect a Contact
 * when …". {@link RuleForms} reads it off a rule file and prints it back as rule-language text.
 *
 * @param name       the rule's name
 * @param effect     {@code fit} or {@code engagement} (it gives points), {@code contact} or {@code reject} (it routes)
 * @param points     the points it gives (fit and engagement only)
 * @param max        how many of its matches count at most (null: all)
 * @param reason     the reason shown with the score and in the CRM
 * @param conditions what the prospect must be, each on one of their fields, all of them
 * @param activity   what the prospect must have done (null: nothing)
 */
public record RuleForm(String name, String effect, Integer points, Integer max, String reason, List<Condition> conditions,
        ActivityCondition activity) {

    /** The effects a rule of the form has. */
    public static final List<String> EFFECTS = List.of("fit", "engagement", "contact", "reject");

    /**
     * One condition on a field of the prospect.
     *
     * @param property the field (a property of {@code Prospect} in the rule language's vocabulary)
     * @param operator one of {@link Operator#key}: {@code is}, {@code is_not}, {@code one_of}, {@code at_least},
     *                 {@code at_most}, {@code contains}, {@code matches}
     * @param value    the value as a person types it; for {@code one_of} the values separated by commas
     */
    public record Condition(String property, String operator, String value) {
    }

    /**
     * An activity the prospect must have done.
     *
     * @param type the activity's type ({@code webinar_attended})
     * @param days within how many days of scoring (null: ever)
     */
    public record ActivityCondition(String type, Integer days) {
    }

    /** The tests a condition of the form makes, and how the rule language writes each. */
    public enum Operator {
        IS("is", "=="),
        IS_NOT("is_not", "!="),
        ONE_OF("one_of", "in"),
        AT_LEAST("at_least", ">="),
        AT_MOST("at_most", "<="),
        CONTAINS("contains", "contains"),
        MATCHES("matches", "matches");

        private final String key;
        private final String drl;

        Operator(String key, String drl) {
            this.key = key;
            this.drl = drl;
        }

        /** The operator's name in the form and in JSON. */
        public String key() {
            return key;
        }

        String drl() {
            return drl;
        }

        static java.util.Optional<Operator> ofKey(String key) {
            return java.util.Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
        }

        static java.util.Optional<Operator> ofDrl(String drl) {
            return java.util.Arrays.stream(values()).filter(o -> o.drl.equals(drl)).findFirst();
        }
    }
}
