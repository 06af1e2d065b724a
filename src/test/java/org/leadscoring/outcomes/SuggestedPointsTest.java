package org.leadscoring.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Contribution;

/**
 * Points suggested from outcomes, on prospects generated from known true weights (and the noise of a coin toss per
 * prospect): the fit finds the true weights within its intervals, ranks the rules as the truth does, and on the later
 * prospects it did not see scores about as well as the true model — far better than deliberately wrong points.
 */
class SuggestedPointsTest {

    /**
     * Twenty rules (fit and engagement alternating) with true log-odds weights from -0.8 to 1.6, each firing for 12% to
     * 40% of prospects, and one rare rule; the starting points are deliberately wrong (unrelated to the weights).
     */
    static final int RULES = 21;
    static final String RARE = "Rare signal";
    static final double INTERCEPT = -2.0;

    static String name(int r) {
        return r == RULES - 1 ? RARE : "Rule " + (r + 1);
    }

    static Axis axis(int r) {
        return r % 2 == 0 ? Axis.FIT : Axis.ENGAGEMENT;
    }

    static double truth(int r) {
        return r == RULES - 1 ? 2.0 : -0.8 + (r * 7 % 20) * 0.12;
    }

    static double fires(int r) {
        return r == RULES - 1 ? 0.002 : 0.12 + (r * 3 % 8) * 0.04;
    }

    static int wrong(int r) {
        return 5 + (r * 11 % 17);
    }

    static List<SuggestedPoints.Rule> rules() {
        List<SuggestedPoints.Rule> rules = new ArrayList<>();
        for (int r = 0; r < RULES; r++) {
            rules.add(new SuggestedPoints.Rule(name(r), axis(r), wrong(r)));
        }
        return rules;
    }

    static int index(String rule) {
        for (int r = 0; r < RULES; r++) {
            if (name(r).equals(rule)) {
                return r;
            }
        }
        throw new IllegalArgumentException(rule);
    }

    /** Prospects scored one an hour, each rule firing at its rate (engagement ones partly decayed), won by the true model. */
    static List<Calibration.Subject> fixture(int n, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Calibration.Subject> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Contribution> fired = new ArrayList<>();
            double z = INTERCEPT;
            for (int r = 0; r < RULES; r++) {
                if (random.nextDouble() < fires(r)) {
                    // An engagement rule's points have faded by up to half; the outcome follows what was given.
                    double share = axis(r) == Axis.ENGAGEMENT ? 0.5 + random.nextInt(6) / 10.0 : 1.0;
                    int points = (int) Math.round(wrong(r) * share);
                    z += truth(r) * points / wrong(r);
                    fired.add(new Contribution(name(r), axis(r), points, name(r)));
                }
            }
            boolean won = random.nextDouble() < 1 / (1 + Math.exp(-z));
            int total = fired.stream().mapToInt(Contribution::points).sum();
            out.add(new Calibration.Subject("p" + i + "@acme.com", start.plusSeconds(3600L * i), total, null, false, fired,
                    new Calibration.Result(true, won, null, won, won, !won, false, BigDecimal.ZERO)));
        }
        return out;
    }

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
            List<Calibration.Subject> subjects = fixture(5_000, seed);
            SuggestedPoints.Suggestion s = SuggestedPoints.of(subjects, rules(), SuggestedPoints.Target.WON);

            assertThat(s.refused()).isNull();
            assertThat(s.fittedOn().prospects()).isEqualTo(3_500);
            assertThat(s.judgedOn().prospects()).isEqualTo(1_500);
            assertThat(s.fittedOn().to()).isBefore(s.judgedOn().from());
            List<SuggestedPoints.RuleSuggestion> fitted = s.rules().stream().filter(r -> r.status().equals("suggested")).toList();
            assertThat(fitted).hasSize(RULES - 1);
            // The rare rule has too little evidence: left as it is, and said so.
            assertThat(s.rules()).filteredOn(r -> r.rule().equals(RARE)).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo("too_few");
                assertThat(r.suggested()).isNull();
                assertThat(r.current()).isEqualTo(wrong(RULES - 1));
            });
            for (SuggestedPoints.RuleSuggestion r : fitted) {
                double truth = truth(index(r.rule()));
                intervals++;
                covered += r.weightLow() <= truth && truth <= r.weightHigh() ? 1 : 0;
            }
            assertThat(spearman(fitted.stream().mapToDouble(SuggestedPoints.RuleSuggestion::weight).toArray(),
                    fitted.stream().mapToDouble(r -> truth(index(r.rule()))).toArray())).as("seed " + seed).isGreaterThanOrEqualTo(0.9);
            // Per axis, the suggested points add up to what the current ones did (each rounded to a whole point).
            for (Axis axis : Axis.values()) {
                int current = fitted.stream().filter(r -> r.axis() == axis).mapToInt(r -> Math.abs(r.current())).sum();
                int suggested = fitted.stream().filter(r -> r.axis() == axis).mapToInt(r -> Math.abs(r.suggested())).sum();
                assertThat(suggested).as(axis.name()).isBetween(current - 10, current + 10);
            }
            // On the later prospects: far better than the wrong points, and within 0.02 of the true model's AUC.
            double trueAuc = trueAuc(subjects.subList(3_500, 5_000));
            assertThat(s.suggested().auc()).as("seed " + seed).isGreaterThan(s.current().auc() + 0.05);
            assertThat(s.suggested().auc()).as("seed " + seed).isCloseTo(trueAuc, org.assertj.core.data.Offset.offset(0.02));
            assertThat(s.suggested().brier()).isLessThan(s.current().brier());
        }
        assertThat(covered).as(covered + " of " + intervals + " intervals hold their true weight").isGreaterThanOrEqualTo((int) Math.ceil(0.9 * intervals));
    }

    /** Spearman's rank correlation (no ties in these weights). */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double d2 = 0;
        for (int i = 0; i < a.length; i++) {
            d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
        }
        int n = a.length;
        return 1 - 6 * d2 / (n * ((double) n * n - 1));
    }

    private static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] rank = new double[v.length];
        for (int k = 0; k < order.length; k++) {
            rank[order[k]] = k;
        }
        return rank;
    }

    @Test
    void givenTooFewOutcomes_thenNothingIsSuggested_andItSaysHowManyAreNeeded() {
        SuggestedPoints.Suggestion s = SuggestedPoints.of(fixture(150, 3), rules(), SuggestedPoints.Target.WON);

        assertThat(s.rules()).isEmpty();
        assertThat(s.refused()).contains("150 prospects with a known outcome").contains("at least " + SuggestedPoints.MIN_OUTCOMES);
    }

    /** The AUC of the true model's log-odds on these prospects. */
    private static double trueAuc(List<Calibration.Subject> part) {
        double[] score = new double[part.size()];
        double[] y = new double[part.size()];
        for (int i = 0; i < part.size(); i++) {
            for (Contribution c : part.get(i).contributions()) {
                int r = index(c.rule());
                score[i] += truth(r) * c.points() / wrong(r);
            }
            y[i] = part.get(i).result().won() ? 1 : 0;
        }
        return SuggestedPoints.auc(score, y);
    }
}
