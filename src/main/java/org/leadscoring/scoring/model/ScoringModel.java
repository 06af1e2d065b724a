package org.leadscoring.scoring.model;

import java.util.List;
import java.util.Map;

/**
 * A scoring model, as marketing ops write it in {@code scoring-models/}: which rule files it uses, when a
 * prospect qualifies, the grade bands, how each activity type decays, floors and caps, and examples; whether it is a
 * challenger in shadow of another model ({@code challenger_of}), and what its suggested points are fitted to.
 */
public record ScoringModel(
        String name,
        String description,
        List<String> rules,
        Qualification qualification,
        List<GradeBand> grades,
        Limits limits,
        Map<String, Decay> decay,
        List<ModelExample> examples,
        String challengerOf,
        SuggestedPointsSettings suggestedPoints) {

    /** The key in {@code decay} that applies to activity types not listed. */
    public static final String DEFAULT_DECAY = "default";

    public ScoringModel {
        rules = rules == null ? List.of() : List.copyOf(rules);
        grades = grades == null ? List.of() : List.copyOf(grades);
        limits = limits == null ? new Limits(null, null) : limits;
        decay = decay == null ? Map.of() : Map.copyOf(decay);
        examples = examples == null ? List.of() : List.copyOf(examples);
        challengerOf = challengerOf == null || challengerOf.isBlank() ? null : challengerOf.trim();
    }

    /** The outcome suggested points are fitted to: {@code suggested_points.target}, {@code won} when not set. */
    public String suggestionTarget() {
        return suggestedPoints == null ? SuggestedPointsSettings.DEFAULT.target() : suggestedPoints.target();
    }

    /** Whether this model is a challenger in shadow ({@code challenger_of}): it scores beside its champion and decides nothing. */
    public boolean isChallenger() {
        return challengerOf != null;
    }

    /**
     * The activity types the model names: those its {@code decay} lists (every type but {@code default}), sorted. A
     * client offers these as choices (the Zapier app's activity dropdown, the workbench's completion).
     */
    public java.util.List<String> activityTypes() {
        return decay.keySet().stream().filter(t -> !t.equals(DEFAULT_DECAY)).sorted().toList();
    }

    /** The decay for an activity type: its own, else the model's default, else none. */
    public Decay decayFor(String activityType) {
        Decay own = decay.get(activityType);
        if (own != null) {
            return own;
        }
        return decay.getOrDefault(DEFAULT_DECAY, Decay.NONE);
    }

    /** The grade of a total score: the first band, highest first, whose minimum it reaches. */
    public String gradeFor(Integer total) {
        if (total == null) {
            return null;
        }
        for (GradeBand band : grades) {
            if (band.min() == null || total >= band.min()) {
                return band.grade();
            }
        }
        return null;
    }
}
