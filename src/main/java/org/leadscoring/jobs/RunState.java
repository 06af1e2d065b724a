package org.leadscoring.jobs;

import org.leadscoring.store.Database;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a background run (re-scoring, the outcome sync: {@link Runs}) stands; {@link #RUNNING} until it ends in one of the others. */
public enum RunState {
    RUNNING,
    /** It did all it had to (every open Lead, every record modified). */
    COMPLETED,
    /** The next call would have gone over the credit budget; the next run continues the chain. */
    STOPPED_BUDGET,
    /** The CRM kept failing; the next run continues the chain. */
    INTERRUPTED,
    /** Something other than Zoho failed; see the message. */
    FAILED;

    /** The next run continues a chain whose last run ended so. */
    public boolean resumable() {
        return this == STOPPED_BUDGET || this == INTERRUPTED;
    }

    @JsonValue
    public String code() {
        return Database.code(this);
    }
}
