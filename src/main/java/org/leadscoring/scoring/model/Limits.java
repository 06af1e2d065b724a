package org.leadscoring.scoring.model;

import org.leadscoring.scoring.Axis;

/** Floors and caps for both axes. */
public record Limits(AxisLimits fit, AxisLimits engagement) {

    public Limits {
        fit = fit == null ? AxisLimits.NONE : fit;
        engagement = engagement == null ? AxisLimits.NONE : engagement;
    }

    public AxisLimits of(Axis axis) {
        return axis == Axis.FIT ? fit : engagement;
    }
}
