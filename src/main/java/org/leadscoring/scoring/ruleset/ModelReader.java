package org.leadscoring.scoring.ruleset;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.model.GradeBand;
import org.leadscoring.scoring.model.ModelExample;
import org.leadscoring.scoring.model.ScoringModel;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads the model files of a snapshot and checks each model (name, rules, qualification, grade bands, limits,
 * examples), reporting what is wrong with the YAML path and line; and resolves the rule files a model names.
 */
public final class ModelReader {

    private final ObjectMapper yaml = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new JavaTimeModule())
            .build();

    /** A model that read and checked cleanly, and the file it came from. */
    record ParsedModel(ScoringModel model, String file) {
    }

    /** The models of the snapshot that read and checked cleanly, by name; what is wrong with the others goes to {@code problems}. */
    Map<String, ParsedModel> read(Snapshot snapshot, List<BuildProblem> problems) {
        Map<String, ParsedModel> models = new TreeMap<>();
        for (SourceFile f : snapshot.models().values()) {
            ScoringModel model = readOne(f, problems);
            if (model == null) {
                continue;
            }
            ParsedModel previous = models.putIfAbsent(model.name(), new ParsedModel(model, f.path()));
            if (previous != null) {
                problems.add(BuildProblem.error(f.path(), "name: the model name '" + model.name() + "' is already used by " + previous.file));
            }
        }
        checkChallengers(models, problems);
        return models;
    }

    /**
     * A challenger names a model that is read and is no challenger itself (a challenger's challenger would never be
     * compared with what decides). When all models did not read, a missing champion may be one of those not read: said
     * all the same, as the file is to be fixed anyway.
     */
    private static void checkChallengers(Map<String, ParsedModel> models, List<BuildProblem> problems) {
        for (ParsedModel pm : models.values()) {
            String champion = pm.model.challengerOf();
            if (champion == null || champion.equals(pm.model.name())) {
                continue;
            }
            ParsedModel of = models.get(champion);
            if (of == null) {
                problems.add(BuildProblem.error(pm.file, "challenger_of: there is no model named '" + champion + "'; the models are " + models.keySet()));
            } else if (of.model.isChallenger()) {
                problems.add(BuildProblem.error(pm.file, "challenger_of: '" + champion + "' is itself a challenger (of '" + of.model.challengerOf()
                        + "'); name the model that decides"));
            }
        }
    }

    /** One model file read and checked, or null with what is wrong with it in {@code problems} (the workbench's model form). */
    public ScoringModel readOne(SourceFile f, List<BuildProblem> problems) {
        ScoringModel model;
        try {
            model = yaml.readValue(f.content(), ScoringModel.class);
        } catch (JsonProcessingException e) {
            problems.add(yamlProblem(f.path(), e));
            return null;
        }
        if (model == null) {
            problems.add(BuildProblem.error(f.path(), "The model file is empty"));
            return null;
        }
        int before = problems.size();
        checkModel(model, f, problems);
        return problems.size() > before ? null : model;
    }

    private static BuildProblem yamlProblem(String file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String path = e instanceof JsonMappingException jme ? org.leadscoring.api.JsonErrors.path(jme) : "";
        String message = e.getOriginalMessage().replaceAll("\\s*\\(class [^)]*\\)", "").replaceAll("`(?:[a-z0-9_]+\\.)+([A-Za-z$]+)`", "$1");
        int cut = message.indexOf("\n");
        message = cut > 0 ? message.substring(0, cut) : message;
        return BuildProblem.error(file, loc == null ? null : loc.getLineNr(), loc == null ? null : loc.getColumnNr(),
                (path.isEmpty() ? "" : path + ": ") + message);
    }

    private static void checkModel(ScoringModel m, SourceFile f, List<BuildProblem> problems) {
        String file = f.path();
        if (m.name() == null || m.name().isBlank()) {
            problems.add(BuildProblem.error(file, "name: every model needs a name"));
        } else if (!m.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            problems.add(BuildProblem.error(file, "name: use letters, digits, '-', '_' or '.' only, not '" + m.name() + "'"));
        }
        if (m.rules().isEmpty()) {
            problems.add(BuildProblem.error(file, "rules: list the rule files (or patterns such as b2b/*.drl) this model uses"));
        }
        if (m.qualification() == null) {
            problems.add(BuildProblem.error(file, "qualification: say when a prospect qualifies (min_fit, min_engagement, min_total)"));
        } else {
            if (m.qualification().minFit() == null && m.qualification().minEngagement() == null && m.qualification().minTotal() == null) {
                problems.add(BuildProblem.error(file, "qualification: give at least one of min_fit, min_engagement, min_total"));
            }
            if (m.qualification().hysteresis() < 0) {
                problems.add(BuildProblem.error(file, "qualification.hysteresis: must not be negative"));
            }
        }
        if (m.grades().isEmpty()) {
            problems.add(BuildProblem.error(file, "grades: list the grade bands, highest first"));
        }
        Integer previous = null;
        for (int i = 0; i < m.grades().size(); i++) {
            GradeBand band = m.grades().get(i);
            String where = "grades[" + i + "]";
            if (band.grade() == null || band.grade().isBlank()) {
                problems.add(BuildProblem.error(file, where + ".grade: every band needs a grade"));
            }
            if (band.min() == null && i < m.grades().size() - 1) {
                problems.add(BuildProblem.error(file, where + ".min: only the lowest band may leave min out"));
            }
            if (band.min() != null && previous != null && band.min() >= previous) {
                problems.add(BuildProblem.error(file, where + ".min: bands go highest first, so " + band.min() + " must be below " + previous));
            }
            previous = band.min();
        }
        for (Axis axis : Axis.values()) {
            var limits = m.limits().of(axis);
            if (limits.floor() != null && limits.cap() != null && limits.floor() > limits.cap()) {
                problems.add(BuildProblem.error(file, "limits." + axis.jsonName() + ": floor " + limits.floor() + " is above cap " + limits.cap()));
            }
        }
        if (!org.leadscoring.scoring.model.SuggestedPointsSettings.TARGETS.contains(m.suggestionTarget())) {
            problems.add(BuildProblem.error(file, "suggested_points.target: is " + String.join(" or ", org.leadscoring.scoring.model.SuggestedPointsSettings.TARGETS)
                    + ", not '" + m.suggestionTarget() + "'"));
        }
        if (m.challengerOf() != null && m.challengerOf().equals(m.name())) {
            problems.add(BuildProblem.error(file, "challenger_of: a model cannot be its own challenger"));
        }
        for (int i = 0; i < m.examples().size(); i++) {
            ModelExample ex = m.examples().get(i);
            String where = "examples[" + i + "]";
            if (ex.name() == null || ex.name().isBlank()) {
                problems.add(BuildProblem.error(file, where + ".name: every example needs a name"));
            }
            if (ex.prospect() == null || ex.prospect().email() == null) {
                problems.add(BuildProblem.error(file, lineOf(f.content(), ex.name()), null, where + ".prospect.email: every example needs a prospect with an email"));
            }
            if (ex.expect() == null) {
                problems.add(BuildProblem.error(file, lineOf(f.content(), ex.name()), null, where + ".expect: say what the example must come out as"));
            } else if (ex.expect().decision() != null) {
                try {
                    DecisionAction.parse(ex.expect().decision());
                } catch (IllegalArgumentException e) {
                    problems.add(BuildProblem.error(file, lineOf(f.content(), ex.name()), null, where + ".expect.decision: " + e.getMessage()));
                }
            }
            for (int j = 0; j < ex.activities().size(); j++) {
                var a = ex.activities().get(j);
                if (a.type() == null || (a.at() == null) == (a.daysAgo() == null)) {
                    problems.add(BuildProblem.error(file, lineOf(f.content(), ex.name()), null,
                            where + ".activities[" + j + "]: give a type and either at or days_ago"));
                }
            }
        }
    }

    /** The rule files the model's patterns match; a pattern that matches none is an error. */
    static Set<String> ruleFiles(ParsedModel pm, Snapshot snapshot, List<BuildProblem> problems) {
        Set<String> files = new TreeSet<>();
        for (String pattern : pm.model.rules()) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<String> matched = snapshot.rules().keySet().stream().filter(p -> matcher.matches(Path.of(p))).toList();
            if (matched.isEmpty()) {
                problems.add(BuildProblem.error(pm.file, "rules: no rule file matches '" + pattern + "'"));
            }
            files.addAll(matched);
        }
        return files;
    }

    // ---- text positions ----------------------------------------------------------------------------------------

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The line {@code needle} first appears on in {@code text}, or null. */
    static Integer lineOf(String text, String needle) {
        if (needle == null) {
            return null;
        }
        int at = text.indexOf(needle);
        return at < 0 ? null : lineAt(text, at);
    }
}
