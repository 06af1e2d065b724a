package org.leadscoring.scoring.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the points of an activity fade with its age: not at all ({@code none}), fully until a window of days
 * closes and then to nothing, or by half every half-life.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decay(Integer halfLifeDays, Integer windowDays) {

    public static final Decay NONE = new Decay(null, null);

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public Decay(@JsonProperty("half_life_days") Integer halfLifeDays, @JsonProperty("window_days") Integer windowDays) {
        if (halfLifeDays != null && windowDays != null) {
            throw new IllegalArgumentException("give either half_life_days or window_days, not both");
        }
        if ((halfLifeDays != null && halfLifeDays <= 0) || (windowDays != null && windowDays <= 0)) {
            throw new IllegalArgumentException("days must be positive");
        }
        this.halfLifeDays = halfLifeDays;
        this.windowDays = windowDays;
    }

    /** Accepts the word {@code none} in a model file. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Decay parse(String word) {
        if ("none".equalsIgnoreCase(word.trim())) {
            return NONE;
        }
        throw new IllegalArgumentException("decay is 'none', {half_life_days: N} or {window_days: N}, not '" + word + "'");
    }

    /** The share of its points an activity keeps at this age, from 1 down to 0. */
    public double factor(long ageDays) {
        if (windowDays != null) {
            return ageDays <= windowDays ? 1.0 : 0.0;
        }
        if (halfLifeDays != null) {
            return Math.pow(0.5, (double) ageDays / halfLifeDays);
        }
        return 1.0;
    }

    /** Says the policy in words, for explanations. */
    public String describe() {
        if (windowDays != null) {
            return "counts for " + windowDays + " days";
        }
        if (halfLifeDays != null) {
            return "half-life " + halfLifeDays + " days";
        }
        return "no decay";
    }
}
