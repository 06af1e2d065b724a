package org.leadscoring.outcomes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Contribution;

/**
 * The points the outcomes suggest for a model's rules: a logistic regression of "won" (or "converted") on how much of
 * each rule's points a prospect got — 1 when it fired in full, less as its activity decayed, more when {@code @max}
 * let it count several times — so the model's decay and caps count as they do in scoring. L2-regularised
 * ({@link #PENALTY}), fitted by Apache Commons Math's conjugate-gradient optimiser; each weight's 95% interval comes from
 * the inverse of the penalised information matrix.
 *
 * <p><b>Honest evaluation.</b> The prospects with a known outcome are ordered by when they were scored: the weights are
 * fitted on the earlier {@link #TRAIN_SHARE} and judged on the later rest, where the current points and the suggested
 * ones are compared by AUC, Brier score (each score turned into a probability by a one-variable logistic fitted on the
 * earlier part) and top-tenth lift. Fewer than {@link #MIN_OUTCOMES} outcomes, or fewer than {@link #MIN_WON} of the
 * target, and nothing is suggested.
 *
 * <p><b>Scaling.</b> Weights are log-odds; points are what people read. Per axis, the suggested points of the fitted
 * rules add up (in absolute value) to what their current points add up to, so the axis' thresholds keep their meaning.
 * A rule that fired for fewer than {@link #MIN_FIRED} prospects of the earlier part, or won fewer than {@link #MIN_WON_FIRED}
 * times when it did, is left as it is and said so. Pure: the report feeds it.
 */
public final class SuggestedPoints {

    public static final int MIN_OUTCOMES = 200;
    public static final int MIN_WON = 20;
    public static final int MIN_FIRED = 30;
    public static final int MIN_WON_FIRED = 3;
    public static final double TRAIN_SHARE = 0.7;
    public static final double PENALTY = 1.0;
    private static final double Z = 1.959964;

    private SuggestedPoints() {
    }

    /** What counts as success: a deal won, or the Lead converted. */
    public enum Target {
        WON, CONVERTED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean of(Calibration.Result r) {
            return this == WON ? r.won() : r.converted();
        }
    }

    /** A rule as the model has it: its axis and its points when it fires once in full. */
    public record Rule(String name, Axis axis, int points) {
    }

    /** A rule's suggestion: its points now and suggested, the interval, the weight behind them, and the evidence. */
    public record RuleSuggestion(String rule, Axis axis, int current, Integer suggested, Integer low, Integer high, Double weight,
            Double weightLow, Double weightHigh, int fired, int wonWhenFired, String status) {
    }

    /** How a set of points did on the later part. */
    public record Judged(Double auc, Double brier, Double topDecileLift) {
    }

    /** The part of the prospects a step used. */
    public record Part(int prospects, int won, Instant from, Instant to) {
    }

    /** The whole answer; {@code refused} says why nothing is suggested, when it is not. */
    public record Suggestion(Target target, Part fittedOn, Part judgedOn, List<RuleSuggestion> rules, Judged current, Judged suggested,
            String scaling, String refused) {
    }

    public static Suggestion of(List<Calibration.Subject> all, List<Rule> rules, Target target) {
        List<Calibration.Subject> known = all.stream().filter(s -> s.result().known() && s.scoredAt() != null)
                .sorted(Comparator.comparing(Calibration.Subject::scoredAt)).toList();
        long won = known.stream().filter(s -> target.of(s.result())).count();
        if (known.size() < MIN_OUTCOMES || won < MIN_WON) {
            return new Suggestion(target, null, null, List.of(), null, null, null, "Too few outcomes to suggest points: " + known.size()
                    + " prospects with a known outcome (" + won + " " + target.word() + "); at least "
                    + MIN_OUTCOMES + " and " + MIN_WON + " are needed");
        }
        int split = (int) Math.round(known.size() * TRAIN_SHARE);
        List<Calibration.Subject> train = known.subList(0, split);
        List<Calibration.Subject> test = known.subList(split, known.size());
        List<Rule> scored = rules.stream().filter(r -> r.axis() != null && r.points() != 0).toList();
        double[][] xTrain = features(train, scored);
        double[] yTrain = train.stream().mapToDouble(s -> target.of(s.result()) ? 1 : 0).toArray();

        // Which rules have the evidence to be fitted.
        List<Integer> fitted = new ArrayList<>();
        int[] fired = new int[scored.size()];
        int[] firedWon = new int[scored.size()];
        for (int r = 0; r < scored.size(); r++) {
            for (int i = 0; i < train.size(); i++) {
                if (xTrain[i][r] > 0) {
                    fired[r]++;
                    firedWon[r] += yTrain[i] > 0 ? 1 : 0;
                }
            }
            if (fired[r] >= MIN_FIRED && firedWon[r] >= MIN_WON_FIRED && train.size() - fired[r] >= MIN_FIRED) {
                fitted.add(r);
            }
        }
        double[][] x = new double[train.size()][fitted.size()];
        for (int i = 0; i < train.size(); i++) {
            for (int k = 0; k < fitted.size(); k++) {
                x[i][k] = xTrain[i][fitted.get(k)];
            }
        }
        double[] beta = fit(x, yTrain, PENALTY);
        double[] se = standardErrors(x, beta, PENALTY);

        // Per axis, the fitted rules' suggested points add up to what their current points add up to.
        Map<Axis, double[]> sums = new LinkedHashMap<>();
        for (int k = 0; k < fitted.size(); k++) {
            Rule rule = scored.get(fitted.get(k));
            double[] s = sums.computeIfAbsent(rule.axis(), a -> new double[2]);
            s[0] += Math.abs(rule.points());
            s[1] += Math.abs(beta[k + 1]);
        }
        int[] suggestedPoints = new int[scored.size()];
        List<RuleSuggestion> out = new ArrayList<>();
        for (int r = 0; r < scored.size(); r++) {
            Rule rule = scored.get(r);
            int k = fitted.indexOf(r);
            if (k < 0) {
                suggestedPoints[r] = rule.points();
                out.add(new RuleSuggestion(rule.name(), rule.axis(), rule.points(), null, null, null, null, null, null, fired[r], firedWon[r],
                        "too_few"));
                continue;
            }
            double[] s = sums.get(rule.axis());
            double scale = s[1] == 0 ? 0 : s[0] / s[1];
            double w = beta[k + 1];
            double lo = w - Z * se[k + 1];
            double hi = w + Z * se[k + 1];
            suggestedPoints[r] = (int) Math.round(w * scale);
            out.add(new RuleSuggestion(rule.name(), rule.axis(), rule.points(), suggestedPoints[r], (int) Math.round(lo * scale),
                    (int) Math.round(hi * scale), round(w), round(lo), round(hi), fired[r], firedWon[r], "suggested"));
        }

        double[][] xTest = features(test, scored);
        double[] yTest = test.stream().mapToDouble(s -> target.of(s.result()) ? 1 : 0).toArray();
        int[] currentPoints = scored.stream().mapToInt(Rule::points).toArray();
        Judged current = judge(score(xTrain, currentPoints), yTrain, score(xTest, currentPoints), yTest);
        Judged suggested = judge(score(xTrain, suggestedPoints), yTrain, score(xTest, suggestedPoints), yTest);
        return new Suggestion(target, part(train, target), part(test, target), out, current, suggested,
                "per axis, the suggested points of the fitted rules add up (in absolute value) to what their current points add up to", null);
    }

    /** How much of each rule's points each prospect got: its contribution divided by the rule's points. */
    private static double[][] features(List<Calibration.Subject> subjects, List<Rule> rules) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            index.put(rules.get(r).name(), r);
        }
        double[][] x = new double[subjects.size()][rules.size()];
        for (int i = 0; i < subjects.size(); i++) {
            for (Contribution c : subjects.get(i).contributions()) {
                Integer r = index.get(c.rule());
                if (r != null && !c.adjustment()) {
                    x[i][r] += (double) c.points() / rules.get(r).points();
                }
            }
        }
        return x;
    }

    /** The penalised maximum-likelihood weights: {@code [intercept, w1 … wk]} (the intercept is not penalised). */
    static double[] fit(double[][] x, double[] y, double penalty) {
        int n = x.length;
        int k = n == 0 ? 0 : x[0].length;
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-10, 1e-12));
        PointValuePair best = optimizer.optimize(new MaxEval(20_000), GoalType.MINIMIZE, new InitialGuess(new double[k + 1]),
                new ObjectiveFunction(b -> {
                    double loss = 0;
                    for (int i = 0; i < n; i++) {
                        double z = linear(b, x[i]);
                        // log(1 + e^z) - y z, written to stay finite for large |z|.
                        loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
                    }
                    for (int j = 1; j <= k; j++) {
                        loss += penalty / 2 * b[j] * b[j];
                    }
                    return loss;
                }),
                new ObjectiveFunctionGradient(b -> {
                    double[] g = new double[k + 1];
                    for (int i = 0; i < n; i++) {
                        double err = sigmoid(linear(b, x[i])) - y[i];
                        g[0] += err;
                        for (int j = 0; j < k; j++) {
                            g[j + 1] += err * x[i][j];
                        }
                    }
                    for (int j = 1; j <= k; j++) {
                        g[j] += penalty * b[j];
                    }
                    return g;
                }));
        return best.getPoint();
    }

    /** The standard error of each weight: the square root of the diagonal of the inverse penalised information matrix. */
    private static double[] standardErrors(double[][] x, double[] beta, double penalty) {
        int k = beta.length;
        RealMatrix info = new Array2DRowRealMatrix(k, k);
        for (double[] row : x) {
            double p = sigmoid(linear(beta, row));
            double w = p * (1 - p);
            for (int a = 0; a < k; a++) {
                double xa = a == 0 ? 1 : row[a - 1];
                for (int b = 0; b < k; b++) {
                    double xb = b == 0 ? 1 : row[b - 1];
                    info.addToEntry(a, b, w * xa * xb);
                }
            }
        }
        for (int j = 1; j < k; j++) {
            info.addToEntry(j, j, penalty);
        }
        double[] se = new double[k];
        try {
            RealMatrix cov = new LUDecomposition(info).getSolver().getInverse();
            for (int j = 0; j < k; j++) {
                se[j] = Math.sqrt(Math.max(0, cov.getEntry(j, j)));
            }
        } catch (SingularMatrixException e) {
            java.util.Arrays.fill(se, Double.NaN);
        }
        return se;
    }

    private static double[] score(double[][] x, int[] points) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < points.length; r++) {
                s[i] += x[i][r] * points[r];
            }
        }
        return s;
    }

    /** AUC, Brier score and top-tenth lift of a score on the later part, its probabilities calibrated on the earlier. */
    private static Judged judge(double[] trainScore, double[] yTrain, double[] testScore, double[] yTest) {
        double mean = java.util.Arrays.stream(trainScore).average().orElse(0);
        double sd = Math.sqrt(java.util.Arrays.stream(trainScore).map(v -> (v - mean) * (v - mean)).average().orElse(0));
        double spread = sd == 0 ? 1 : sd;
        double[][] oneVariable = new double[trainScore.length][1];
        for (int i = 0; i < trainScore.length; i++) {
            oneVariable[i][0] = (trainScore[i] - mean) / spread;
        }
        double[] ab = fit(oneVariable, yTrain, 0);
        double brier = 0;
        for (int i = 0; i < testScore.length; i++) {
            double p = sigmoid(ab[0] + ab[1] * (testScore[i] - mean) / spread);
            brier += (p - yTest[i]) * (p - yTest[i]);
        }
        return new Judged(Ranking.auc(testScore, yTest), testScore.length == 0 ? null : round(brier / testScore.length), Ranking.topTenthLift(testScore, yTest));
    }

    private static Part part(List<Calibration.Subject> subjects, Target target) {
        ToDoubleFunction<Calibration.Subject> y = s -> target.of(s.result()) ? 1 : 0;
        return new Part(subjects.size(), (int) subjects.stream().mapToDouble(y).sum(), subjects.isEmpty() ? null : subjects.get(0).scoredAt(),
                subjects.isEmpty() ? null : subjects.get(subjects.size() - 1).scoredAt());
    }

    private static double linear(double[] b, double[] x) {
        double z = b[0];
        for (int j = 0; j < x.length; j++) {
            z += b[j + 1] * x[j];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
