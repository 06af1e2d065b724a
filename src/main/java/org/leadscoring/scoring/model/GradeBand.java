package org.leadscoring.scoring.model;

/** A grade and the lowest total score that earns it; the lowest band may leave {@code min} out to catch the rest. */
public record GradeBand(String grade, Integer min) {
}
