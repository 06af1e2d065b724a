package org.leadscoring.crm;

import java.util.List;

import org.leadscoring.scoring.ScoringResult;

/**
 * Scores a person with the challengers in shadow of the model that decided for them ({@code challenger_of}), on the
 * same inputs at the same moment: what the {@link Recorder} keeps in the score history, marked shadow, and nowhere
 * else. The {@link Assessor} provides it.
 */
@FunctionalInterface
public interface ShadowScoring {

    /** No challenger: nothing scored in shadow. */
    ShadowScoring NONE = a -> List.of();

    List<ScoringResult> of(Assessment decided);
}
