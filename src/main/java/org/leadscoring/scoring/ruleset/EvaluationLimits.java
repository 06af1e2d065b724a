package org.leadscoring.scoring.ruleset;

import java.time.Duration;

/**
 * What one evaluation of a prospect may cost before it is stopped.
 *
 * @param maxFirings     rule firings after which the rules are deemed looping ({@code leadscoring.limits.max-rule-firings})
 * @param maxScoringTime wall-clock time after which the rules are halted ({@code leadscoring.limits.max-scoring-time}); a rule set
 *                       whose patterns could take longer on one prospect is refused when it is built
 * @param maxActivities  activities one prospect is scored with at most ({@code leadscoring.limits.max-activities})
 */
public record EvaluationLimits(int maxFirings, Duration maxScoringTime, int maxActivities) {

    /** The default of {@code leadscoring.limits.max-activities}. */
    public static final int DEFAULT_MAX_ACTIVITIES = 1_000;

    public EvaluationLimits(int maxFirings, Duration maxScoringTime) {
        this(maxFirings, maxScoringTime, DEFAULT_MAX_ACTIVITIES);
    }

    /** The default time bound: thousands of times what the shipped model needs, well under a second. */
    public static final Duration DEFAULT_MAX_SCORING_TIME = Duration.ofMillis(250);

    public EvaluationLimits {
        if (maxFirings < 1 || maxScoringTime.isNegative() || maxScoringTime.isZero() || maxActivities < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static EvaluationLimits firings(int maxFirings) {
        return new EvaluationLimits(maxFirings, DEFAULT_MAX_SCORING_TIME);
    }
}
