package org.leadscoring.scoring;

/**
 * Points one rule gave on one axis, with the reason a person can read. The contributions of a score card add up
 * exactly to its scores; adjustments made by the model (caps and floors) are contributions too.
 */
public record Contribution(String rule, Axis axis, int points, String reason) {
}
