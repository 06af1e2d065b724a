package org.leadscoring.bench;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.leadscoring.outcomes.Calibration;
import org.leadscoring.outcomes.KnownWeights;
import org.leadscoring.outcomes.SuggestedPoints;

/**
 * Suggested points against the truth: a fixture of 5,000 prospects generated from known weights (KnownWeights: twenty
 * rules and a rare one, deliberately wrong starting points), fitted and judged as the report does; each rule's true
 * weight against its interval, the ranking, and held-out AUC, Brier and top-tenth lift of the wrong points, the
 * suggested ones and the true model. Then the time to suggest for 100,000 prospects, as a ratio to the calibration
 * report over the same prospects measured in the same run. Run from the project folder: {@code bench/run suggest}.
 */
public final class SuggestBenchmark {

    public static void main(String[] args) {
        int big = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<Calibration.Subject> subjects = KnownWeights.fixture(5_000, 1);
        SuggestedPoints.Suggestion s = SuggestedPoints.of(subjects, KnownWeights.rules(), SuggestedPoints.Target.WON);
        System.out.printf(Locale.ROOT, "fitted on %,d prospects (%,d won), judged on the later %,d (%,d won)%n", s.fittedOn().prospects(),
                s.fittedOn().won(), s.judgedOn().prospects(), s.judgedOn().won());
        System.out.println("rule            axis        true   weight  95% interval       points now → suggested (interval)   status");
        int covered = 0;
        int fitted = 0;
        double[] w = new double[KnownWeights.RULES - 1];
        double[] t = new double[KnownWeights.RULES - 1];
        for (SuggestedPoints.RuleSuggestion r : s.rules()) {
            double truth = KnownWeights.truth(KnownWeights.index(r.rule()));
            if (r.weight() == null) {
                System.out.printf(Locale.ROOT, "%-15s %-10s %6.2f   (fired %d, won %d when fired: left at %d)   %s%n", r.rule(), r.axis().jsonName(),
                        truth, r.fired(), r.wonWhenFired(), r.current(), r.status());
                continue;
            }
            boolean in = r.weightLow() <= truth && truth <= r.weightHigh();
            covered += in ? 1 : 0;
            w[fitted] = r.weight();
            t[fitted] = truth;
            fitted++;
            System.out.printf(Locale.ROOT, "%-15s %-10s %6.2f  %6.2f  [%5.2f, %5.2f] %s  %3d → %3d (%d–%d)%n", r.rule(), r.axis().jsonName(), truth,
                    r.weight(), r.weightLow(), r.weightHigh(), in ? "in " : "OUT", r.current(), r.suggested(), r.low(), r.high());
        }
        double trueAuc = KnownWeights.trueAuc(subjects.subList(s.fittedOn().prospects(), subjects.size()));
        System.out.printf(Locale.ROOT, "true weights within their interval: %d of %d (%.0f%%); Spearman's rho of the ranking: %.3f%n", covered, fitted,
                100.0 * covered / fitted, KnownWeights.spearman(w, t));
        System.out.printf(Locale.ROOT, "held out: AUC wrong points %.3f, suggested %.3f, true model %.3f (suggested − true %+.3f); "
                + "Brier %.4f → %.4f; top-tenth lift %.2f → %.2f%n", s.current().auc(), s.suggested().auc(), trueAuc, s.suggested().auc() - trueAuc,
                s.current().brier(), s.suggested().brier(), s.current().topDecileLift(), s.suggested().topDecileLift());

        List<Calibration.Subject> many = KnownWeights.fixture(big, 2);
        for (int round = 1; round <= 3; round++) {
            long a = System.nanoTime();
            Calibration.Report report = Calibration.of(many, OptionalInt.empty());
            double calibration = (System.nanoTime() - a) / 1e9;
            long b = System.nanoTime();
            SuggestedPoints.Suggestion suggestion = SuggestedPoints.of(many, KnownWeights.rules(), SuggestedPoints.Target.WON);
            double suggest = (System.nanoTime() - b) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %,d prospects: suggest %.2f s, calibration report %.2f s (AUC %s): suggest = %.2f× the report%n",
                    round, many.size(), suggest, calibration, report.auc() == null ? "–" : String.format(Locale.ROOT, "%.3f", report.auc().value()),
                    suggest / calibration);
            if (suggestion.refused() != null) {
                throw new IllegalStateException(suggestion.refused());
            }
        }
    }
}
