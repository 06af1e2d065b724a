package org.leadscoring.crm;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The one shape of a hook event ({@code lead.qualified}, {@code lead.converted}), delivered to REST hooks and listed
 * to polling triggers alike: the event's unique id (Zapier deduplicates on it), what raised it ({@code source}:
 * {@code intake} with its {@code intake_id}, or {@code rescoring} with its {@code rescoring_run}), and the
 * {@link ProspectReport} fields.
 */
public record HookPayload(String id, String event, Instant occurredAt, String source, String intakeId, String rescoringRun,
        @JsonUnwrapped ProspectReport report) {

    /** Where an event came from: an intake or a re-scoring run, named by its id; unique per person and event. */
    public record Origin(String source, String intakeId, String rescoringRun, String key) {

        public static Origin intake(String intakeId) {
            return new Origin("intake", intakeId, null, intakeId);
        }

        public static Origin rescoring(String runId, String leadId) {
            return new Origin("rescoring", null, runId, "run:" + runId + ":" + leadId);
        }
    }

    public static HookPayload of(String event, Origin origin, ProspectReport report, Instant now) {
        return new HookPayload(event + ":" + origin.key(), event, now, origin.source(), origin.intakeId(), origin.rescoringRun(), report);
    }
}
