package org.leadscoring.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.Axis;

/**
 * Points suggested from outcomes, on prospects generated from known true weights (and the noise of a coin toss per
 * prospect): the fit finds the true weights within its intervals, ranks the rules as the truth does, and on the later
 * prospects it did not see scores about as well as the true model — far better than deliberately wrong points.
 */
class SuggestedPointsTest {

    /**
     * Five fixtures of 5,000 prospects: over their 100 fitted rules, at least 90% of the true weights lie within their
     * 95% intervals (an interval's promise, judged over enough intervals to mean something), each fixture ranks its rules
     * as the truth does (Spearman's rho ≥ 0.9), and on its later prospects scores within 0.02 of the true model's AUC —
     * far above the wrong starting points.
     */
    @Test
    void givenOutcomesFromKnownWeights_thenTheSuggestionFindsThem_andJudgedOnLaterProspectsItScoresAsTheTruthDoes() {
        int intervals = 0;
        int covered = 0;
        for (long seed = 1; seed <= 5; seed++) {
            List<Calibration.Subject> subjects = KnownWeights.fixture(5_000, seed);
            SuggestedPoints.Suggestion s = SuggestedPoints.of(subjects, KnownWeights.rules(), SuggestedPoints.Target.WON);

            assertThat(s.refused()).isNull();
            assertThat(s.fittedOn().prospects()).isEqualTo(3_500);
            assertThat(s.judgedOn().prospects()).isEqualTo(1_500);
            assertThat(s.fittedOn().to()).isBefore(s.judgedOn().from());
            List<SuggestedPoints.RuleSuggestion> fitted = s.rules().stream().filter(r -> r.status().equals("suggested")).toList();
            assertThat(fitted).hasSize(KnownWeights.RULES - 1);
            // The rare rule has too little evidence: left as it is, and said so.
            assertThat(s.rules()).filteredOn(r -> r.rule().equals(KnownWeights.RARE)).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo("too_few");
                assertThat(r.suggested()).isNull();
                assertThat(r.current()).isEqualTo(KnownWeights.wrong(KnownWeights.RULES - 1));
            });
            for (SuggestedPoints.RuleSuggestion r : fitted) {
                double truth = KnownWeights.truth(KnownWeights.index(r.rule()));
                intervals++;
                covered += r.weightLow() <= truth && truth <= r.weightHigh() ? 1 : 0;
            }
            assertThat(KnownWeights.spearman(fitted.stream().mapToDouble(SuggestedPoints.RuleSuggestion::weight).toArray(),
                    fitted.stream().mapToDouble(r -> KnownWeights.truth(KnownWeights.index(r.rule()))).toArray())).as("seed " + seed).isGreaterThanOrEqualTo(0.9);
            // Per axis, the suggested points add up to what the current ones did (each rounded to a whole point).
            for (Axis axis : Axis.values()) {
                int current = fitted.stream().filter(r -> r.axis() == axis).mapToInt(r -> Math.abs(r.current())).sum();
                int suggested = fitted.stream().filter(r -> r.axis() == axis).mapToInt(r -> Math.abs(r.suggested())).sum();
                assertThat(suggested).as(axis.name()).isBetween(current - 10, current + 10);
            }
            // On the later prospects: far better than the wrong points, and within 0.02 of the true model's AUC.
            double trueAuc = KnownWeights.trueAuc(subjects.subList(3_500, 5_000));
            assertThat(s.suggested().auc()).as("seed " + seed).isGreaterThan(s.current().auc() + 0.05);
            assertThat(s.suggested().auc()).as("seed " + seed).isCloseTo(trueAuc, org.assertj.core.data.Offset.offset(0.02));
            assertThat(s.suggested().brier()).isLessThan(s.current().brier());
        }
        assertThat(covered).as(covered + " of " + intervals + " intervals hold their true weight").isGreaterThanOrEqualTo((int) Math.ceil(0.9 * intervals));
    }

    @Test
    void givenTooFewOutcomes_thenNothingIsSuggested_andItSaysHowManyAreNeeded() {
        SuggestedPoints.Suggestion s = SuggestedPoints.of(KnownWeights.fixture(150, 3), KnownWeights.rules(), SuggestedPoints.Target.WON);

        assertThat(s.rules()).isEmpty();
        assertThat(s.refused()).contains("150 prospects with a known outcome").contains("at least " + SuggestedPoints.MIN_OUTCOMES);
    }
}
