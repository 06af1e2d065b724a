package org.leadscoring.scoring.model;

/** The lowest and highest score an axis may have; either may be left out. */
public record AxisLimits(Integer floor, Integer cap) {

    public static final AxisLimits NONE = new AxisLimits(null, null);
}
