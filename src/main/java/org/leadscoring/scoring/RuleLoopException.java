package org.leadscoring.scoring;

/** Rules fired more often than any scoring needs: one of them keeps re-activating itself. */
public class RuleLoopException extends RuntimeException {

    private final String rule;

    public RuleLoopException(String model, String rule, int firings) {
        super("Scoring stopped after " + firings + " rule firings in model '" + model + "': rule '" + rule
                + "' keeps firing; it probably modifies or inserts a fact that makes it match again");
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
