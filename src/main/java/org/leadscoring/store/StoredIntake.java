package org.leadscoring.store;

import java.time.Instant;

/**
 * An intake as stored: what arrived, its status, its outcome, and the answer given, replayed as-is for the same
 * idempotency key; {@code requestHash} is the hash of what the request carried, to tell a replay from a key reused
 * with another body (null for intakes stored before it was kept).
 */
public record StoredIntake(String id, String idempotencyKey, String requestHash, IntakeKind kind, String email, Instant receivedAt,
        IntakeStatus status, Outcome outcome, String responseJson, Instant completedAt) {

    /**
     * What the service decided and did: the decision with its score card (JSON, contributions included) and reasons,
     * the model and rule set version that decided it, and the Zoho record written or the error Zoho gave.
     */
    public record Outcome(String decision, String model, String rulesetVersion, String scoreCardJson, String reasons, String zohoModule,
            String zohoId, String zohoError) {
    }
}
