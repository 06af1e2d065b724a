package org.leadscoring.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.model.ModelExample;
import org.leadscoring.scoring.ruleset.CompiledModel;
import org.leadscoring.scoring.ruleset.ExampleRunner;
import org.leadscoring.scoring.ruleset.RuleSet;
import org.leadscoring.scoring.ruleset.Snapshot;
import org.leadscoring.scoring.ruleset.SourceFile;

/**
 * The examples a change of points breaks only in the numbers points make — the fit, engagement or total they pin, and
 * the grade that follows from the total — brought up to what the changed rules score: what a person would type after
 * changing points on purpose (suggested points, say). An example that fails on anything else (its decision, its
 * qualification) is what the change means, and is left failing for a person to judge: brought up to date only when
 * the person accepts it by name. One whose rules fired otherwise is always left (its lists are the person's to write).
 * Written through {@link ModelEdits}: only those values change in the model's YAML.
 */
final class ExamplePoints {

    /** The expectations a change of points alone moves. */
    static final Set<String> NUMBERS = Set.of("fit", "engagement", "total", "grade");
    /** What an accepted example may also be brought up to: what it now decides, and whether it qualifies. */
    static final Set<String> MEANING = Set.of("decision", "qualified");

    /** An example brought up to date: each expectation changed, as it was and as it is now. */
    public record Updated(String file, String example, Map<String, List<Object>> changed) {
    }

    /** An example left failing, with what it failed on. */
    public record Left(String file, String example, List<String> failures) {
    }

    /** The model files changed (by workbench name), the examples updated and those left. */
    public record Result(Map<String, String> files, List<Updated> updated, List<Left> left) {
    }

    private ExamplePoints() {
    }

    /**
     * @param draft    the change's rule set (built without its examples)
     * @param snapshot the files it was built from
     * @param accepted the names of examples a person accepts coming out otherwise (their decision and qualification too)
     */
    static Result of(RuleSet draft, Snapshot snapshot, Set<String> accepted) {
        Map<String, String> files = new LinkedHashMap<>();
        List<Updated> updated = new ArrayList<>();
        List<Left> left = new ArrayList<>();
        for (CompiledModel model : draft.models().values()) {
            SourceFile file = snapshot.models().get(model.file());
            String name = RuleFiles.MODELS + model.file();
            List<ModelEdits.Edit> edits = new ArrayList<>();
            for (ExampleRunner.Outcome o : ExampleRunner.outcomes(model, file)) {
                if (o.passed()) {
                    continue;
                }
                Set<String> allowed = accepted.contains(o.name()) ? union(NUMBERS, MEANING) : NUMBERS;
                if (o.scored() == null || o.failures().stream().anyMatch(f -> !allowed.contains(f.expectation()))) {
                    left.add(new Left(name, o.name(), o.failures().stream().map(ExampleRunner.Failure::message).toList()));
                    continue;
                }
                ModelExample.Expectation expect = model.model().examples().get(o.index()).expect();
                Map<String, List<Object>> changed = new LinkedHashMap<>();
                for (ExampleRunner.Failure f : o.failures()) {
                    Object now = scored(o, f.expectation());
                    changed.put(f.expectation(), java.util.Arrays.asList(expected(expect, f.expectation()), now));
                    edits.add(new ModelEdits.Edit(List.of("examples", o.index(), "expect", f.expectation()), now));
                }
                updated.add(new Updated(name, o.name(), changed));
            }
            if (!edits.isEmpty()) {
                files.put(name, ModelEdits.apply(file.content(), edits));
            }
        }
        return new Result(files, updated, left);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Object scored(ExampleRunner.Outcome o, String expectation) {
        ScoreCard card = o.scored();
        return switch (expectation) {
            case "fit" -> card.fit();
            case "engagement" -> card.engagement();
            case "total" -> card.total();
            case "decision" -> o.decided().jsonName();
            case "qualified" -> card.qualified();
            default -> card.grade();
        };
    }

    private static Object expected(ModelExample.Expectation expect, String expectation) {
        return switch (expectation) {
            case "fit" -> expect.fit();
            case "engagement" -> expect.engagement();
            case "total" -> expect.total();
            case "decision" -> expect.decision();
            case "qualified" -> expect.qualified();
            default -> expect.grade();
        };
    }
}
