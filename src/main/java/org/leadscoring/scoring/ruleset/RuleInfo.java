package org.leadscoring.scoring.ruleset;

import org.leadscoring.scoring.Axis;

/**
 * What a rule gives when it fires, read from its metadata: points on an axis ({@code @fit(20)},
 * {@code @engagement(15)}), a routing ({@code @routing(contact)}), an optional limit on how many of its
 * matches count ({@code @max(3)}) and the reason shown to people ({@code @reason("...")}).
 */
public record RuleInfo(String name, Axis axis, int points, Routing routing, Integer max, String reason) {
}
