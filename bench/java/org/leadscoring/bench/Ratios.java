package org.leadscoring.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Prints JMH scores side by side and the ratio of each pair, with the spread the ratio can have. */
final class Ratios {

    private Ratios() {
    }

    static Map<String, Result<?>> byName(Collection<RunResult> results) {
        Map<String, Result<?>> scores = new TreeMap<>();
        for (RunResult run : results) {
            String label = run.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), run.getPrimaryResult());
        }
        return scores;
    }

    /**
     * One line per pair: both scores with their 99.9% error, and the ratio {@code slow / fast} with the range
     * the errors allow.
     */
    static String line(String title, Result<?> slow, Result<?> fast, double target) {
        double ratio = slow.getScore() / fast.getScore();
        double low = (slow.getScore() - err(slow)) / (fast.getScore() + err(fast));
        double high = (slow.getScore() + err(slow)) / Math.max(1e-9, fast.getScore() - err(fast));
        return String.format(Locale.ROOT, "%-12s %10.0f ± %-8.0f vs %10.0f ± %-8.0f %s   ratio %.2f (%.2f–%.2f), target ≤ %.1f: %s",
                title, slow.getScore(), err(slow), fast.getScore(), err(fast), slow.getScoreUnit(), ratio, low, high, target,
                ratio <= target ? "met" : "NOT met");
    }

    private static double err(Result<?> r) {
        double e = r.getScoreError();
        return Double.isNaN(e) ? 0 : e;
    }
}
