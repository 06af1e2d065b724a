package org.leadscoring.store;

import java.time.Instant;

/**
 * An intake as stored: what arrived, its state ({@code pending}, {@code queued}, {@code done}, {@code rejected},
 * {@code failed}), the decision with its score card (JSON, contributions included), the Zoho outcome and the
 * answer given, replayed as-is for the same idempotency key; {@code requestHash} is the hash of what the request
 * carried, to tell a replay from a key reused with another body (null for intakes stored before it was kept).
 */
public record StoredIntake(String id, String idempotencyKey, String kind, String email, Instant receivedAt, String status,
        String decision, String model, String rulesetVersion, String scoreCardJson, String reasons, String zohoModule,
        String zohoId, String zohoError, String responseJson, Instant completedAt, String requestHash) {
}
