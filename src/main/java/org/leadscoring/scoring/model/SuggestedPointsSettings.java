package org.leadscoring.scoring.model;

/**
 * A model's {@code suggested_points} settings: the outcome its points are fitted to ({@code target}: {@code won}, a
 * deal won, or {@code converted}, the Lead converted to a Contact). Absent: {@code won}.
 */
public record SuggestedPointsSettings(String target) {

    /** The targets a model may name, as the API and the YAML spell them. */
    public static final java.util.List<String> TARGETS = java.util.List.of("won", "converted");

    public static final SuggestedPointsSettings DEFAULT = new SuggestedPointsSettings("won");

    public SuggestedPointsSettings {
        target = target == null || target.isBlank() ? "won" : target.trim();
    }
}
