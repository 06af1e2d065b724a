package org.leadscoring.scoring;

import java.time.Duration;

/**
 * Scoring one prospect took longer than {@code leadscoring.limits.max-scoring-time}: the rules were stopped and
 * their session thrown away. A fault of the rule set (or of a prospect with an extreme number of activities),
 * never a hung request.
 */
public class ScoringTimeoutException extends RuntimeException {

    private final String rule;

    public ScoringTimeoutException(String model, String ruleSetVersion, String rule, Duration bound) {
        super("Scoring was stopped after " + bound.toMillis() + " ms (leadscoring.limits.max-scoring-time) in model '" + model
                + "' of rule set " + ruleSetVersion + (rule == null ? "" : ": rule '" + rule + "' was the last to fire"));
        this.rule = rule;
    }

    /** The rule that fired last before the stop, or null when none had. */
    public String rule() {
        return rule;
    }
}
