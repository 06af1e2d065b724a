package org.leadscoring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ruleset.CompiledModel;
import org.leadscoring.scoring.ruleset.EvaluationLimits;
import org.leadscoring.scoring.ruleset.RuleSetBuilder;
import org.leadscoring.scoring.ruleset.Snapshot;
import org.leadscoring.scoring.ruleset.language.LinearMatches;

import com.google.re2j.Pattern;

/**
 * The costliest patterns the rule language accepts, against the scoring time bound. Writes a copy of the shipped rules
 * with as many of the costliest accepted patterns as the build-time estimate lets in (each just under the size limit,
 * each read on a 254-character address to its end), checks the service's builder accepts them and one more is refused,
 * and times scoring a prospect with that address: the worst of many evaluations against the bound, and the measured
 * cost of one step against {@link LinearMatches#NANOS_PER_STEP}. {@code bench/run regex} then serves the same rules
 * and times {@code /api/score} and the intake over HTTP.
 *
 * <p>Arguments: the folder to write the rules to (default {@code target/bench-regex}).
 */
public final class RegexBenchmark {

    /** Shapes of the costliest patterns the language accepts: long optional runs, counted classes, counted alternations. */
    static final List<String> SHAPES = List.of("zz.{0,990}", "[a-z@.]{0,995}[0-9]", "z(a|b|z|@|\\.){0,160}q", ".{0,495}a.{0,495}b",
            ".*(a|b|c){1,200}d", "(a|b|ab|ba){0,120}c");

    /** Texts that keep many of a pattern's threads alive: runs and alternations of the letters the shapes name. */
    static final List<String> TEXTS = List.of("z".repeat(249) + "@x.io", "ab".repeat(127), "a".repeat(254), "zab@.".repeat(50) + "zabz");

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench-regex").toAbsolutePath();
        Path root = ShippedModel.projectRoot();
        Duration bound = EvaluationLimits.DEFAULT_MAX_SCORING_TIME;
        EvaluationLimits limits = new EvaluationLimits(50_000, bound);
        String address = "z".repeat(254 - "@x.io".length()) + "@x.io";

        System.out.println("step cost by shape, on the costliest of four 254-character texts (1,000 evaluations each):");
        double worstStep = 0;
        String worstText = address;
        for (String shape : SHAPES) {
            Pattern p = Pattern.compile(shape);
            long steps = LinearMatches.programSize(shape) * 254;
            double worst = 0;
            for (String text : TEXTS) {
                for (int i = 0; i < 100; i++) {
                    p.matches(text);
                }
                long start = System.nanoTime();
                for (int i = 0; i < 1_000; i++) {
                    p.matches(text);
                }
                double nanos = (System.nanoTime() - start) / 1_000.0;
                if (nanos > worst) {
                    worst = nanos;
                }
                if (nanos / steps > worstStep) {
                    worstStep = nanos / steps;
                    worstText = text;
                }
            }
            System.out.printf(Locale.ROOT, "  %-26s size %5d  %8.1f µs an evaluation  %5.2f ns a step%n", shape, LinearMatches.programSize(shape),
                    worst / 1_000, worst / steps);
        }
        System.out.printf(Locale.ROOT, "worst step %.2f ns against the %.0f ns the estimate counts: %.0f%% of it%n", worstStep,
                LinearMatches.NANOS_PER_STEP, 100 * worstStep / LinearMatches.NANOS_PER_STEP);

        int accepted = 0;
        CompiledModel model = null;
        for (int n = 1; n < 200; n++) {
            write(root, out, n);
            RuleSetBuilder.Result built = new RuleSetBuilder("b2b", limits).build(Snapshot.read(out.resolve("rules"), out.resolve("scoring-models")));
            if (built.ruleSet() == null) {
                System.out.println("with " + n + " costly patterns the build is refused: " + built.errors().get(0).message());
                break;
            }
            accepted = n;
            model = built.ruleSet().model("b2b").orElseThrow();
        }
        write(root, out, accepted);
        System.out.println("the rule set the estimate lets in: the shipped rules and " + accepted + " costly patterns, written to " + out);

        // The costliest text for the costliest shape, as the prospect's address (its local part; every costly rule reads it).
        String email = worstText.length() >= 254 ? worstText.substring(0, 254 - "@x.io".length()) + "@x.io" : address;
        Prospect prospect = new Prospect(email, "Zz", "Zz", "Zz", "VP Marketing", null, "US", null, 200, null, null, false, null, null, false, null);
        List<Activity> activities = List.of(new Activity("webinar_attended", Instant.now().minusSeconds(3_600)));
        long[] times = new long[2_000];
        for (int i = 0; i < 200; i++) {
            model.evaluate(prospect, activities, Instant.now());
        }
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            model.evaluate(prospect, activities, Instant.now());
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "scoring the 254-character address: p50 %.1f ms, p99 %.1f ms, worst %.1f ms; bound %d ms (worst = %.0f%% of it)%n",
                times[times.length / 2] / 1e6, times[times.length * 99 / 100] / 1e6, times[times.length - 1] / 1e6, bound.toMillis(),
                100.0 * times[times.length - 1] / bound.toNanos());
    }

    /** The shipped rules and models with {@code n} costly patterns added to the b2b model, each a rule of its own. */
    static void write(Path root, Path out, int n) throws IOException {
        if (Files.exists(out)) {
            try (var walk = Files.walk(out)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        copy(root.resolve("rules"), out.resolve("rules"));
        copy(root.resolve("scoring-models"), out.resolve("scoring-models"));
        StringBuilder drl = new StringBuilder("package b2b;\nimport org.leadscoring.scoring.Prospect;\n");
        for (int i = 0; i < n; i++) {
            String shape = SHAPES.get(i % SHAPES.size());
            drl.append("rule \"Costly pattern ").append(i).append("\" @fit(0)\nwhen\n    Prospect( email matches \"")
                    .append(shape.replace("\\", "\\\\")).append("\" )\nthen end\n");
        }
        Files.writeString(out.resolve("rules/b2b/costly.drl"), drl);
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(from)) {
            walk.forEach(files::add);
        }
        for (Path p : files) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
    }
}
