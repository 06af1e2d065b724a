package org.leadscoring.scoring.ruleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.kie.api.definition.rule.Rule;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.LinearMatches;
import org.leadscoring.scoring.ruleset.language.PointTable;
import org.leadscoring.scoring.ruleset.language.RuleLanguage;

/**
 * Builds a {@link RuleSet} from a snapshot of the rule and model files: checks each rule file against the rule
 * language, reads and checks the models ({@link ModelReader}), compiles each model's rule files
 * ({@link DrlCompiler}), and runs every model's examples ({@link ExampleRunner}). Anything wrong comes back as {@link BuildProblem}s with file, line and column; a build with an
 * error produces no rule set.
 */
public final class RuleSetBuilder {

    private final String defaultModel;
    private final EvaluationLimits limits;
    private final ModelReader models = new ModelReader();
    private final DrlCompiler compiler = new DrlCompiler();

    public RuleSetBuilder(String defaultModel, int maxFirings) {
        this(defaultModel, EvaluationLimits.firings(maxFirings));
    }

    public RuleSetBuilder(String defaultModel, EvaluationLimits limits) {
        this.defaultModel = defaultModel;
        this.limits = limits;
    }

    /** What a build produced: a rule set when there was no error, and every problem found. */
    public record Result(RuleSet ruleSet, List<BuildProblem> problems) {

        public List<BuildProblem> errors() {
            return problems.stream().filter(BuildProblem::isError).toList();
        }
    }

    /**
     * Whether the patterns a model's rules match ({@code matches}) can cost, on one prospect with the most activities
     * allowed, no more than {@code leadscoring.limits.max-scoring-time}: each pattern's steps (its program's size times
     * the text it reads) at {@link LinearMatches#NANOS_PER_STEP}, once per prospect or once per activity. The scoring
     * watchdog halts rules between steps of Drools, never inside one pattern, so this is what bounds an evaluation's
     * time before it runs. Refused at the costliest pattern, with the estimate.
     */
    private boolean withinTimeBound(ModelReader.ParsedModel pm, Set<String> files, Map<String, CheckedFile> checked, List<BuildProblem> problems) {
        double total = 0;
        double costliest = -1;
        CheckedFile.PatternUse worst = null;
        String worstFile = null;
        for (String file : files) {
            for (CheckedFile.PatternUse use : checked.get(file).patterns()) {
                double nanos = use.steps() * LinearMatches.NANOS_PER_STEP * (use.perActivity() ? limits.maxActivities() : 1);
                total += nanos;
                if (nanos > costliest) {
                    costliest = nanos;
                    worst = use;
                    worstFile = file;
                }
            }
        }
        long bound = limits.maxScoringTime().toNanos();
        if (total <= bound) {
            return true;
        }
        problems.add(BuildProblem.error(worstFile, worst.at().line(), worst.at().column(), String.format(java.util.Locale.ROOT,
                "the patterns (matches) of model %s could take up to %.0f ms on one prospect with %,d activities, more than"
                        + " leadscoring.limits.max-scoring-time (%d ms); the costliest is here (up to %.1f ms%s): make it shorter or less"
                        + " repetitive", pm.model().name(), total / 1e6, limits.maxActivities(), bound / 1_000_000, costliest / 1e6,
                worst.perActivity() ? ", once per activity" : "")));
        return false;
    }

    public Result build(Snapshot snapshot) {
        return build(snapshot, true);
    }

    /**
     * Builds, checking the models' examples or not: a rule set whose examples fail is never served, but the
     * rules workbench still scores with it to show what the draft does.
     */
    public Result build(Snapshot snapshot, boolean checkExamples) {
        List<BuildProblem> problems = new ArrayList<>();
        // Rule files are untrusted: each is checked against the rule language, and only the canonical DRL printed
        // from what was checked is ever compiled.
        Map<String, CheckedFile> checked = new TreeMap<>();
        for (SourceFile file : snapshot.rules().values()) {
            CheckedFile c = PointTable.is(file.path()) ? PointTable.check(file.path(), file.content()) : RuleLanguage.check(file.path(), file.content());
            problems.addAll(c.problems());
            checked.put(file.path(), c);
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        Map<String, ModelReader.ParsedModel> parsed = models.read(snapshot, problems);
        if (parsed.isEmpty() && problems.isEmpty()) {
            problems.add(BuildProblem.error(null, "No scoring model found: add a .yaml file to the models folder"));
        }
        if (!parsed.isEmpty() && !parsed.containsKey(defaultModel)) {
            problems.add(BuildProblem.error(null, "The default model '" + defaultModel + "' is not among the models "
                    + parsed.keySet() + " (set leadscoring.default-model)"));
        } else if (parsed.containsKey(defaultModel) && parsed.get(defaultModel).model().isChallenger()) {
            problems.add(BuildProblem.error(parsed.get(defaultModel).file(), "challenger_of: the default model '" + defaultModel
                    + "' decides for every intake, so it cannot be a challenger in shadow"));
        }

        Set<String> usedRuleFiles = new HashSet<>();
        Map<Set<String>, DrlCompiler.Compiled> compiledByFiles = new HashMap<>();
        Map<String, CompiledModel> compiledModels = new TreeMap<>();
        for (ModelReader.ParsedModel pm : parsed.values()) {
            Set<String> files = ModelReader.ruleFiles(pm, snapshot, problems);
            usedRuleFiles.addAll(files);
            if (files.isEmpty()) {
                continue;
            }
            // Counted on the checked files, before anything is compiled: a model refused for its patterns costs no compile.
            if (!withinTimeBound(pm, files, checked, problems)) {
                continue;
            }
            DrlCompiler.Compiled compiled = compiledByFiles.computeIfAbsent(files,
                    f -> compiler.compile(f.stream().map(checked::get).toList(), problems));
            if (compiled == null) {
                continue;
            }
            List<String> patterns = files.stream().flatMap(f -> checked.get(f).patterns().stream()).map(CheckedFile.PatternUse::regex).toList();
            CompiledModel model = new CompiledModel(pm.model(), pm.file(), compiled.kieBase(), compiled.sessionConfig(), compiled.rules(), limits,
                    snapshot.version(), LinearMatches.compileAll(patterns));
            compiledModels.put(pm.model().name(), model);
        }
        boolean allModelsParsed = parsed.size() == snapshot.models().size();
        for (String file : snapshot.rules().keySet()) {
            if (allModelsParsed && !usedRuleFiles.contains(file)) {
                problems.add(BuildProblem.warning(file, "Not used by any scoring model: its rules are not loaded"));
            }
        }
        if (problems.stream().anyMatch(BuildProblem::isError)) {
            return new Result(null, problems);
        }
        for (CompiledModel model : checkExamples ? compiledModels.values() : List.<CompiledModel>of()) {
            ExampleRunner.run(model, snapshot.models().get(model.file()), problems);
        }
        if (problems.stream().anyMatch(BuildProblem::isError)) {
            return new Result(null, problems);
        }
        RuleSet ruleSet = new RuleSet(snapshot.version(), Instant.now(), compiledModels, defaultModel,
                List.copyOf(snapshot.rules().keySet()), List.copyOf(snapshot.models().keySet()),
                problems.stream().filter(p -> !p.isError()).toList());
        return new Result(ruleSet, problems);
    }
}
