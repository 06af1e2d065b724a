package org.leadscoring.scoring.ruleset;

import org.leadscoring.scoring.Activity;

/**
 * A rule that fired: the rule, and the activity it matched (the newest one when it matched several), or
 * {@code null} for a rule on the prospect alone.
 */
public record RuleHit(RuleInfo rule, Activity activity) {
}
