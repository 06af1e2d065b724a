package org.leadscoring.scoring.ruleset;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the last reload attempt did: loaded a new rule set, found nothing changed, or rejected the files. */
public record ReloadReport(Instant at, Outcome outcome, String version, long durationMillis, List<BuildProblem> problems) {

    public ReloadReport {
        problems = List.copyOf(problems);
    }

    /** The result of a reload attempt. */
    @Schema(name = "ReloadOutcome")
    public enum Outcome {
        LOADED, REJECTED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
