package org.leadscoring.scoring.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.model.Decay;
import org.leadscoring.scoring.model.GradeBand;
import org.leadscoring.scoring.model.Limits;
import org.leadscoring.scoring.model.Qualification;
import org.leadscoring.scoring.ruleset.CompiledModel;
import org.leadscoring.scoring.ruleset.RuleSet;

/** The scoring models of the live rule set, with their thresholds, bands and decay. */
@Path("/api/models")
public class ModelsResource {

    private final ScoringEngine engine;

    @Inject
    ModelsResource(ScoringEngine engine) {
        this.engine = engine;
    }

    /** A loaded model as the API shows it. */
    public record ModelView(String name, String description, boolean isDefault, String file, List<String> rules, int ruleCount,
            Qualification qualification, List<GradeBand> grades, Limits limits, Map<String, Decay> decay, List<String> activityTypes, int examples) {

        static ModelView of(CompiledModel m, RuleSet set) {
            var model = m.model();
            return new ModelView(m.name(), model.description(), m.name().equals(set.defaultModel()), m.file(), model.rules(),
                    m.rules().size(), model.qualification(), model.grades(), model.limits(), model.decay(), model.activityTypes(),
                    model.examples().size());
        }
    }

    /** The loaded models, the default first. */
    public record ModelsView(String rulesetVersion, String defaultModel, List<ModelView> models) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ModelsView models() {
        RuleSet set = engine.current().orElseThrow(org.leadscoring.scoring.NoRuleSetException::new);
        List<ModelView> views = set.models().values().stream()
                .map(m -> ModelView.of(m, set))
                .sorted(java.util.Comparator.comparing((ModelView v) -> !v.isDefault()).thenComparing(ModelView::name))
                .toList();
        return new ModelsView(set.version(), set.defaultModel(), views);
    }
}
