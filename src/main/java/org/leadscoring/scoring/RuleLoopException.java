package org.leadscoring.scoring;

/**
 * Rules fired more often than {@code leadscoring.limits.max-rule-firings} allows for one prospect: a rule that
 * matches each of a very large number of activities.
 */
public class RuleLoopException extends RuntimeException {

    private final String rule;

    public RuleLoopException(String model, String rule, int firings) {
        super("Scoring stopped after " + firings + " rule firings in model '" + model + "': rule '" + rule
                + "' fired most (once per matching activity)");
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
