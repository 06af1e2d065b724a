package org.leadscoring.outcomes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Contribution;

/**
 * Prospects generated from known true weights, with outcomes drawn from the true model (the noise of a coin toss per
 * prospect), for {@code SuggestedPointsTest} and {@code bench/run suggest}.
 */
public final class KnownWeights {

    private KnownWeights() {
    }

    /**
     * Twenty rules (fit and engagement alternating) with true log-odds weights from -0.8 to 1.6, each firing for 12% to
     * 40% of prospects, and one rare rule; the starting points are deliberately wrong (unrelated to the weights).
     */
    public static final int RULES = 21;
    public static final String RARE = "Rare signal";
    public static final double INTERCEPT = -2.0;

    public static String name(int r) {
        return r == RULES - 1 ? RARE : "Rule " + (r + 1);
    }

    public static Axis axis(int r) {
        return r % 2 == 0 ? Axis.FIT : Axis.ENGAGEMENT;
    }

    public static double truth(int r) {
        return r == RULES - 1 ? 2.0 : -0.8 + (r * 7 % 20) * 0.12;
    }

    public static double fires(int r) {
        return r == RULES - 1 ? 0.002 : 0.12 + (r * 3 % 8) * 0.04;
    }

    public static int wrong(int r) {
        return 5 + (r * 11 % 17);
    }

    public static List<SuggestedPoints.Rule> rules() {
        List<SuggestedPoints.Rule> rules = new ArrayList<>();
        for (int r = 0; r < RULES; r++) {
            rules.add(new SuggestedPoints.Rule(name(r), axis(r), wrong(r)));
        }
        return rules;
    }

    public static int index(String rule) {
        for (int r = 0; r < RULES; r++) {
            if (name(r).equals(rule)) {
                return r;
            }
        }
        throw new IllegalArgumentException(rule);
    }

    /** Prospects scored one an hour, each rule firing at its rate (engagement ones partly decayed), won by the true model. */
    public static List<Calibration.Subject> fixture(int n, long seed) {
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

    /** Spearman's rank correlation (no ties in these weights). */
    public static double spearman(double[] a, double[] b) {
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

    /** The AUC of the true model's log-odds on these prospects. */
    public static double trueAuc(List<Calibration.Subject> part) {
        double[] score = new double[part.size()];
        double[] y = new double[part.size()];
        for (int i = 0; i < part.size(); i++) {
            for (Contribution c : part.get(i).contributions()) {
                int r = index(c.rule());
                score[i] += truth(r) * c.points() / wrong(r);
            }
            y[i] = part.get(i).result().won() ? 1 : 0;
        }
        return Ranking.auc(score, y);
    }
}
