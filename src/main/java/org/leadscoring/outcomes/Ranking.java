package org.leadscoring.outcomes;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well a score ranks an outcome: the AUC and the top tenth's lift. One definition of each, used by the calibration
 * report, the suggested points' held-out judgement and the back-test alike, so their figures compare.
 */
public final class Ranking {

    private Ranking() {
    }

    /**
     * The chance that a success ({@code y} 1) scored higher than a failure (ties count half), by ranks: the area under
     * the ROC curve; null without both kinds.
     */
    public static Double auc(double[] score, double[] y) {
        Integer[] order = order(score, Comparator.naturalOrder());
        double pos = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && score[order[j]] == score[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int m = i; m < j; m++) {
                if (y[order[m]] > 0) {
                    pos++;
                    rankSum += rank;
                }
            }
            i = j;
        }
        double neg = score.length - pos;
        return pos == 0 || neg == 0 ? null : round((rankSum - pos * (pos + 1) / 2) / (pos * neg));
    }

    /**
     * How many make the top tenth of {@code n}: the first of ten equal bands by score, rounded up, as the calibration
     * report's first decile.
     */
    public static int topTenth(int n) {
        return (n + 9) / 10;
    }

    /**
     * The success rate among the top tenth by score ({@link #topTenth}; among equal scores, the earlier first) over the
     * rate among all; null when nobody succeeded.
     */
    public static Double topTenthLift(double[] score, double[] y) {
        int n = score.length;
        double all = Arrays.stream(y).sum() / Math.max(1, n);
        if (n == 0 || all == 0) {
            return null;
        }
        Integer[] order = order(score, Comparator.reverseOrder());
        int top = topTenth(n);
        double best = 0;
        for (int i = 0; i < top; i++) {
            best += y[order[i]];
        }
        return round(best / top / all);
    }

    /** The indexes of {@code score} sorted by it, a stable sort. */
    private static Integer[] order(double[] score, Comparator<Double> by) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> score[i], by));
        return order;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
