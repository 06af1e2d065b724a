package org.leadscoring.scoring;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two things a score measures: how well the prospect fits the customer profile, and how engaged they are. */
public enum Axis {
    FIT, ENGAGEMENT;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
