package org.leadscoring.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.leadscoring.scoring.model.ScoringModel;
import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.ModelReader;
import org.leadscoring.scoring.ruleset.SourceFile;

/**
 * A challenger promoted, as a change to the model files: the champion's file takes the challenger's settings (its
 * rules, thresholds, grades, decay, examples: its YAML as written, with the champion's {@code name} and no
 * {@code challenger_of}, through {@link ModelEdits}), and the challenger's file goes. Published as any change, with a
 * reason: from then on the champion decides as the challenger did in shadow, under the champion's name, so every Zap,
 * schedule and report that names the champion carries on. What stops it is refused as an edit is
 * ({@link ModelEdits.Refused}, naming the request's field).
 */
public final class Promotion {

    /** The files changed (a file that goes is null) and the reason offered for the publish. */
    public record Promoted(Map<String, String> files, String message) {
    }

    private Promotion() {
    }

    /**
     * @param files      the model files as the draft has them, by workbench name ({@code scoring-models/b2b.yaml}); rule
     *                   files are ignored, as a promotion changes none
     * @param challenger the challenger's model name
     */
    public static Promoted of(Map<String, String> files, String challenger) {
        ModelReader reader = new ModelReader();
        String challengerFile = null;
        ScoringModel promoted = null;
        Map<String, String> fileOfModel = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getValue() == null || !f.getKey().startsWith(RuleFiles.MODELS)) {
                continue;
            }
            List<BuildProblem> problems = new ArrayList<>();
            ScoringModel m = reader.readOne(new SourceFile(f.getKey(), f.getValue(), ""), problems);
            if (m != null) {
                fileOfModel.putIfAbsent(m.name(), f.getKey());
                if (m.name().equals(challenger)) {
                    challengerFile = f.getKey();
                    promoted = m;
                }
            }
        }
        if (promoted == null) {
            throw new ModelEdits.Refused("challenger", "no model file that reads cleanly names a model '" + challenger + "'; the models are " + fileOfModel.keySet());
        }
        if (!promoted.isChallenger()) {
            throw new ModelEdits.Refused("challenger", "'" + challenger + "' is not a challenger (its model has no challenger_of): it decides already");
        }
        String champion = promoted.challengerOf();
        String championFile = fileOfModel.get(champion);
        if (championFile == null) {
            throw new ModelEdits.Refused("challenger", "'" + challenger + "' is a challenger of '" + champion + "', and no model file names '" + champion + "'");
        }
        String text = ModelEdits.apply(files.get(challengerFile), List.of(new ModelEdits.Edit(List.of("name"), champion),
                new ModelEdits.Edit(List.of("challenger_of"), null)));
        Map<String, String> changed = new LinkedHashMap<>();
        changed.put(championFile, text);
        changed.put(challengerFile, null);
        return new Promoted(changed, "Promote the challenger '" + challenger + "' over '" + champion + "'");
    }
}
