package org.leadscoring.store;

import java.time.Instant;

/** Zoho work still to do for an intake; done in order per prospect, retried with backoff until it succeeds. */
public record OutboxItem(long id, String intakeId, String email, int attempts, Instant nextAttemptAt, String lastError) {

    /** When to try an item again after a failed attempt, and why it failed. */
    public record Retry(int attempts, Instant nextAttemptAt, String error) {
    }
}
