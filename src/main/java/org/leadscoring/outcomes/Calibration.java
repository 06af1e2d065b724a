package org.leadscoring.outcomes;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

import org.leadscoring.scoring.Contribution;

/**
 * Whether a model's scores predict what sales did, computed from prospects as they were scored (at qualification, or
 * at creation when they never qualified) and their outcomes: per grade and per score decile, how many converted, had
 * a deal, won, lost; the win rate with its 95% Wilson interval; per rule, the win rate when it fired against when it
 * did not, and the lift with its interval; the AUC of the score for "won" and the top decile's lift; qualified
 * prospects per week against sales' capacity. Rates, lifts and the AUC count only prospects whose outcome is known
 * (the outcome sync has read them from the CRM): a prospect nobody has looked up is not a prospect who was not won.
 * Every rate says how many prospects it rests on, and a rate resting on fewer than {@link #MIN_PROSPECTS} is not
 * given. The model's caps and floors are listed apart from the rules. Pure: the report and the workbench's back-test
 * feed it.
 */
public final class Calibration {

    /** The fewest prospects a rate is given for: below, a band says it has too few. */
    public static final int MIN_PROSPECTS = 10;
    private static final double Z = 1.959964;

    private Calibration() {
    }

    /** One prospect as scored at the moment that counts, with what came of them. */
    public record Subject(String email, Instant scoredAt, Integer total, String grade, boolean qualified, List<Contribution> contributions,
            Result result) {
    }

    /**
     * What came of a prospect: whether it is known at all (the CRM was read for them, or the service converted them),
     * converted (and when), deals won, lost or open, and the revenue won.
     */
    public record Result(boolean known, boolean converted, Instant convertedAt, boolean withDeal, boolean won, boolean lost, boolean open,
            BigDecimal revenue) {

        /** Nothing known: never read from the CRM. */
        public static final Result NONE = new Result(false, false, null, false, false, false, false, BigDecimal.ZERO);
    }

    /** A proportion with its 95% Wilson interval and the prospects it rests on; {@code value} null: too few. */
    public record Rate(Double value, Double low, Double high, int prospects) {

        static Rate of(int hits, int n) {
            if (n < MIN_PROSPECTS) {
                return new Rate(null, null, null, n);
            }
            double p = (double) hits / n;
            double denominator = 1 + Z * Z / n;
            double centre = (p + Z * Z / (2.0 * n)) / denominator;
            double half = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n)) / denominator;
            return new Rate(round(p), round(Math.max(0, centre - half)), round(Math.min(1, centre + half)), n);
        }
    }

    /**
     * The figures of one band of prospects (a grade, a decile, all of them): {@code prospects} in it, {@code withOutcome}
     * of them known, and the rates over those.
     */
    public record Band(String band, Integer minScore, Integer maxScore, int prospects, int withOutcome, int converted, int withDeal, int won,
            int lost, int open, BigDecimal revenue, Rate conversionRate, Rate winRate, Double medianDaysToConversion, boolean tooFew) {
    }

    /**
     * A rule: how often it fired ({@code fired}; {@code firedWithOutcome} of them with a known outcome), the win rate when
     * it did and when it did not, and the lift (null when not defined).
     */
    public record RuleLift(String rule, int fired, int firedWithOutcome, Rate winRateFired, Rate winRateNotFired, Ratio lift) {
    }

    /** A cap or floor of the model (not a rule): how many prospects it changed. */
    public record Adjustment(String name, int applied) {
    }

    /** A ratio with its 95% interval and the prospects it rests on. */
    public record Ratio(double value, Double low, Double high, int prospects) {
    }

    /** Prospects that qualified in a week (starting on Monday), against sales' capacity when it is set. */
    public record Week(LocalDate week, int qualified, Integer capacity, Boolean overCapacity) {
    }

    /** The whole calibration. */
    public record Report(int prospects, int withOutcome, int minProspects, Band overall, List<Band> grades, List<Band> deciles,
            List<RuleLift> rules, List<Adjustment> adjustments, Ratio auc, Ratio topDecileLift, List<Week> qualifiedPerWeek) {
    }

    public static Report of(List<Subject> subjects, OptionalInt capacityPerWeek) {
        Map<String, List<Subject>> byGrade = new TreeMap<>();
        for (Subject s : subjects) {
            byGrade.computeIfAbsent(s.grade() == null ? "ungraded" : s.grade(), k -> new ArrayList<>()).add(s);
        }
        List<Band> grades = byGrade.entrySet().stream().map(e -> band(e.getKey(), e.getValue())).toList();
        List<Subject> known = subjects.stream().filter(s -> s.result().known()).toList();
        List<List<Subject>> deciles = deciles(known);
        List<Band> decileBands = new ArrayList<>();
        for (int i = 0; i < deciles.size(); i++) {
            if (!deciles.get(i).isEmpty()) {
                decileBands.add(band(String.valueOf(i + 1), deciles.get(i)));
            }
        }
        Band overall = band("all", subjects);
        Ratio topLift = null;
        if (Ranking.topTenth(known.size()) >= MIN_PROSPECTS) {
            Double lift = Ranking.topTenthLift(totals(known), won(known));
            topLift = lift == null ? null : new Ratio(lift, null, null, Ranking.topTenth(known.size()));
        }
        return new Report(subjects.size(), known.size(), MIN_PROSPECTS, overall, grades, decileBands, rules(subjects), adjustments(subjects),
                auc(known), topLift, weeks(subjects, capacityPerWeek));
    }

    private static Band band(String name, List<Subject> in) {
        int withOutcome = 0, converted = 0, withDeal = 0, won = 0, lost = 0, open = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        List<Double> days = new ArrayList<>();
        Integer min = null, max = null;
        for (Subject s : in) {
            Result r = s.result();
            withOutcome += r.known() ? 1 : 0;
            converted += r.converted() ? 1 : 0;
            withDeal += r.withDeal() ? 1 : 0;
            won += r.won() ? 1 : 0;
            lost += r.lost() ? 1 : 0;
            open += r.open() ? 1 : 0;
            revenue = revenue.add(r.revenue());
            if (r.convertedAt() != null && s.scoredAt() != null) {
                days.add(Duration.between(s.scoredAt(), r.convertedAt()).toMinutes() / 1440.0);
            }
            int total = s.total() == null ? 0 : s.total();
            min = min == null ? total : Math.min(min, total);
            max = max == null ? total : Math.max(max, total);
        }
        return new Band(name, min, max, in.size(), withOutcome, converted, withDeal, won, lost, open, revenue, Rate.of(converted, withOutcome),
                Rate.of(won, withOutcome), median(days), withOutcome < MIN_PROSPECTS);
    }

    /** Ten bands by score, highest first: the first holds the top tenth. */
    private static List<List<Subject>> deciles(List<Subject> subjects) {
        List<Subject> sorted = new ArrayList<>(subjects);
        sorted.sort(Comparator.comparingInt((Subject s) -> s.total() == null ? 0 : s.total()).reversed());
        List<List<Subject>> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < sorted.size(); i++) {
            out.get((int) ((long) i * 10 / sorted.size())).add(sorted.get(i));
        }
        return subjects.isEmpty() ? List.of() : out;
    }

    /** Every rule that fired for a prospect, with the win rates over the prospects whose outcome is known. */
    private static List<RuleLift> rules(List<Subject> subjects) {
        TreeSet<String> names = new TreeSet<>();
        subjects.forEach(s -> s.contributions().stream().filter(c -> c.points() != 0 && !c.adjustment()).forEach(c -> names.add(c.rule())));
        List<RuleLift> out = new ArrayList<>();
        for (String rule : names) {
            int firedAll = 0, fired = 0, firedWon = 0, notFired = 0, notFiredWon = 0;
            for (Subject s : subjects) {
                boolean f = s.contributions().stream().anyMatch(c -> c.rule().equals(rule) && c.points() != 0);
                firedAll += f ? 1 : 0;
                if (!s.result().known()) {
                    continue;
                }
                if (f) {
                    fired++;
                    firedWon += s.result().won() ? 1 : 0;
                } else {
                    notFired++;
                    notFiredWon += s.result().won() ? 1 : 0;
                }
            }
            out.add(new RuleLift(rule, firedAll, fired, Rate.of(firedWon, fired), Rate.of(notFiredWon, notFired),
                    lift(firedWon, fired, notFiredWon, notFired)));
        }
        out.sort(Comparator.comparing((RuleLift r) -> r.lift() == null ? Double.NEGATIVE_INFINITY : r.lift().value()).reversed()
                .thenComparing(RuleLift::rule));
        return out;
    }

    /** The model's caps and floors that changed a score, with how many prospects each changed. */
    private static List<Adjustment> adjustments(List<Subject> subjects) {
        Map<String, Integer> applied = new TreeMap<>();
        subjects.forEach(s -> s.contributions().stream().filter(c -> c.points() != 0 && c.adjustment()).map(Contribution::rule).distinct()
                .forEach(name -> applied.merge(name, 1, Integer::sum)));
        return applied.entrySet().stream().map(e -> new Adjustment(e.getKey(), e.getValue())).toList();
    }

    /** The relative win rate when a rule fired, with its 95% interval (Katz, on the log scale); null when a side has no win or too few. */
    private static Ratio lift(int a, int n1, int c, int n0) {
        if (n1 < MIN_PROSPECTS || n0 < MIN_PROSPECTS || a == 0 || c == 0) {
            return null;
        }
        double rr = ((double) a / n1) / ((double) c / n0);
        double se = Math.sqrt(1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n0);
        return new Ratio(round(rr), round(Math.exp(Math.log(rr) - Z * se)), round(Math.exp(Math.log(rr) + Z * se)), n1 + n0);
    }

    /**
     * The probability that a prospect who was won scored higher than one who was not (ties count half): the area under
     * the ROC curve of the score for "won", by ranks. Null without both kinds.
     */
    static Ratio auc(List<Subject> subjects) {
        Double auc = Ranking.auc(totals(subjects), won(subjects));
        return auc == null ? null : new Ratio(auc, null, null, subjects.size());
    }

    private static double[] totals(List<Subject> subjects) {
        return subjects.stream().mapToDouble(s -> s.total() == null ? 0 : s.total()).toArray();
    }

    private static double[] won(List<Subject> subjects) {
        return subjects.stream().mapToDouble(s -> s.result().won() ? 1 : 0).toArray();
    }

    private static List<Week> weeks(List<Subject> subjects, OptionalInt capacity) {
        Map<LocalDate, Integer> byWeek = new TreeMap<>();
        for (Subject s : subjects) {
            if (s.qualified() && s.scoredAt() != null) {
                LocalDate monday = s.scoredAt().atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                byWeek.merge(monday, 1, Integer::sum);
            }
        }
        List<Week> out = new ArrayList<>();
        byWeek.forEach((week, n) -> out.add(new Week(week, n, capacity.isPresent() ? capacity.getAsInt() : null,
                capacity.isPresent() ? n > capacity.getAsInt() : null)));
        return out;
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Math.round(m * 10) / 10.0;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
