package org.leadscoring.scoring.ruleset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Decision;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.Evaluation;
import org.leadscoring.scoring.RuleLoopException;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringTimeoutException;
import org.leadscoring.scoring.model.ModelExample;

/** Runs a compiled model's examples and reports each one that does not come out as it says, with what it scored. */
public final class ExampleRunner {

    private ExampleRunner() {
    }

    /** One expectation an example did not meet: which ({@code fit}, {@code decision}, {@code fired} …), and how. */
    public record Failure(String expectation, String message) {
    }

    /**
     * How one example came out: its place in the model's {@code examples} and its line, what it scored and decided
     * (null when it could not be scored: {@code failures} say why), and the expectations it did not meet.
     */
    public record Outcome(int index, String name, Integer line, ScoreCard scored, DecisionAction decided, List<Failure> failures) {

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Runs every example of {@code model} (read from {@code file}); each failure is an error at the example's line. */
    static void run(CompiledModel model, SourceFile file, List<BuildProblem> problems) {
        for (Outcome o : outcomes(model, file)) {
            if (o.passed()) {
                continue;
            }
            if (o.scored() == null) {
                problems.add(BuildProblem.error(file.path(), o.line(), null, "Example \"" + o.name() + "\": " + o.failures().get(0).message()));
            } else {
                problems.add(BuildProblem.error(file.path(), o.line(), null, "Example \"" + o.name() + "\" fails: "
                        + String.join("; ", o.failures().stream().map(Failure::message).toList()) + ". It scored " + describe(o.scored())));
            }
        }
    }

    /** How each example of {@code model} (read from {@code file}) came out, in the model's order. */
    public static List<Outcome> outcomes(CompiledModel model, SourceFile file) {
        Instant buildTime = Instant.now();
        List<Outcome> out = new ArrayList<>();
        List<ModelExample> examples = model.model().examples();
        for (int i = 0; i < examples.size(); i++) {
            ModelExample ex = examples.get(i);
            Integer line = ModelReader.lineOf(file.content(), ex.name());
            Instant now = ex.now() == null ? buildTime : ex.now();
            List<Activity> activities = ex.activities().stream()
                    .map(a -> new Activity(a.type(), a.at() != null ? a.at() : now.minus(Duration.ofDays(a.daysAgo())), a.properties(), 0))
                    .toList();
            Evaluation evaluation;
            try {
                evaluation = withinBound(() -> model.evaluate(ex.prospect().normalised(), activities, now));
            } catch (RuleLoopException | ScoringTimeoutException e) {
                out.add(new Outcome(i, ex.name(), line, null, null, List.of(new Failure("scoring", e.getMessage()))));
                continue;
            }
            Decision decision = model.decide(evaluation, ex.existing());
            out.add(new Outcome(i, ex.name(), line, evaluation.scoreCard(), decision.action(), compare(ex.expect(), evaluation, decision)));
        }
        return out;
    }

    /**
     * Runs an example, and once more if it ran past the time bound: the examples are a freshly compiled model's first
     * runs, which load its classes and may meet a busy machine, so one slow run is not yet a rule that runs away. A rule
     * that does runs past the bound again (each run halted at the bound), and the example fails with that.
     */
    static Evaluation withinBound(Supplier<Evaluation> example) {
        try {
            return example.get();
        } catch (ScoringTimeoutException first) {
            return example.get();
        }
    }

    private static List<Failure> compare(ModelExample.Expectation expect, Evaluation evaluation, Decision decision) {
        List<Failure> failures = new ArrayList<>();
        ScoreCard card = evaluation.scoreCard();
        if (expect.decision() != null && DecisionAction.parse(expect.decision()) != decision.action()) {
            failures.add(new Failure("decision", "expected decision " + expect.decision().toLowerCase(Locale.ROOT) + ", got " + decision.action().jsonName()));
        }
        expectEqual(failures, "grade", expect.grade(), card.grade());
        expectEqual(failures, "qualified", expect.qualified(), card.qualified());
        expectEqual(failures, "fit", expect.fit(), card.fit());
        expectEqual(failures, "engagement", expect.engagement(), card.engagement());
        expectEqual(failures, "total", expect.total(), card.total());
        if (expect.fired() != null) {
            for (String rule : expect.fired()) {
                if (!evaluation.firedRules().contains(rule)) {
                    failures.add(new Failure("fired", "expected rule \"" + rule + "\" to fire, it did not"));
                }
            }
        }
        if (expect.notFired() != null) {
            for (String rule : expect.notFired()) {
                if (evaluation.firedRules().contains(rule)) {
                    failures.add(new Failure("not_fired", "expected rule \"" + rule + "\" not to fire, it did"));
                }
            }
        }
        return failures;
    }

    private static void expectEqual(List<Failure> failures, String what, Object expected, Object actual) {
        if (expected != null && !expected.equals(actual)) {
            failures.add(new Failure(what, "expected " + what + " " + expected + ", got " + actual));
        }
    }

    private static String describe(ScoreCard card) {
        StringBuilder sb = new StringBuilder("fit ").append(card.fit()).append(", engagement ").append(card.engagement())
                .append(", total ").append(card.total()).append(", grade ").append(card.grade()).append(" from ");
        if (card.contributions().isEmpty()) {
            return sb.append("no rule").toString();
        }
        List<String> parts = new ArrayList<>();
        card.contributions().forEach(c -> parts.add(c.rule() + " " + (c.points() >= 0 ? "+" : "") + c.points() + " " + c.axis().jsonName()));
        return sb.append(String.join(", ", parts)).toString();
    }
}
