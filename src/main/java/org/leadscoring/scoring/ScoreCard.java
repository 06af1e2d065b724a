package org.leadscoring.scoring;

import java.time.Instant;
import java.util.List;

/**
 * The scores of one prospect under one model: fit and engagement, their total, the grade and whether the
 * prospect qualifies, with every contribution that makes them up. A score is {@code null} when no rule of
 * its axis applied: unscored is not 0.
 */
public record ScoreCard(
        Integer fit,
        Integer engagement,
        Integer total,
        String grade,
        boolean qualified,
        List<Contribution> contributions,
        Instant scoredAt) {

    public ScoreCard {
        contributions = List.copyOf(contributions);
    }
}
