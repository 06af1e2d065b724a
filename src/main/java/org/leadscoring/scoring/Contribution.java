package org.leadscoring.scoring;

/**
 * Points one rule gave on one axis, with the reason a person can read. The contributions of a score card add up
 * exactly to its scores; adjustments made by the model (caps and floors) are contributions too.
 */
public record Contribution(String rule, Axis axis, int points, String reason) {

    /** The names of the model's adjustments on an axis: {@code "fit cap"}, {@code "engagement floor"}. */
    public static String cap(Axis axis) {
        return axis.jsonName() + " cap";
    }

    public static String floor(Axis axis) {
        return axis.jsonName() + " floor";
    }

    /** Whether this is the model's cap or floor rather than a rule's points. */
    public boolean adjustment() {
        return rule.equals(cap(axis)) || rule.equals(floor(axis));
    }
}
