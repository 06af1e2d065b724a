package org.leadscoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** The one shape of a hook event, as the README documents it: every path's events must have exactly these fields. */
public final class HookPayloadShape {

    public static final List<String> FIELDS = List.of("id", "event", "occurred_at", "source", "intake_id", "rescoring_run", "email",
            "decision", "score", "fit_score", "engagement_score", "grade", "qualified", "zoho_module", "zoho_id", "lead_id", "reasons",
            "explanation", "model", "ruleset_version");

    private HookPayloadShape() {
    }

    /** Asserts an event has the documented fields, no others, and came from {@code source}. */
    public static void assertShape(Map<String, Object> event, String source) {
        assertThat(event.keySet()).as("fields of " + event.get("id")).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(event.get("source")).isEqualTo(source);
        assertThat(event.get("id").toString()).startsWith(event.get("event") + ":");
    }
}
