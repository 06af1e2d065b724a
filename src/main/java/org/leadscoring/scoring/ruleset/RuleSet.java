package org.leadscoring.scoring.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every scoring model with its compiled rules, built from one snapshot of the rule and model files. Immutable:
 * a reload builds a new rule set and swaps it in whole.
 */
public record RuleSet(String version, Instant loadedAt, Map<String, CompiledModel> models, String defaultModel,
        List<String> ruleFiles, List<String> modelFiles, List<BuildProblem> warnings) {

    public RuleSet {
        models = Map.copyOf(models);
        ruleFiles = List.copyOf(ruleFiles);
        modelFiles = List.copyOf(modelFiles);
        warnings = List.copyOf(warnings);
    }

    /** The named model, or the default one when no name is given. */
    public Optional<CompiledModel> model(String name) {
        return Optional.ofNullable(models.get(name == null || name.isBlank() ? defaultModel : name.trim()));
    }

    /** The challengers in shadow of the model named {@code champion} ({@code challenger_of}), by name; none for a model that has none. */
    public List<CompiledModel> challengersOf(String champion) {
        return models.values().stream().filter(m -> champion.equals(m.model().challengerOf()))
                .sorted(java.util.Comparator.comparing(CompiledModel::name)).toList();
    }
}
