package org.leadscoring.scoring;

/** A score card, the decision taken from it, and the model and rule set version that produced both. */
public record ScoringResult(String model, String rulesetVersion, ScoreCard scoreCard, Decision decision) {
}
