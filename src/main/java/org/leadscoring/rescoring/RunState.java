package org.leadscoring.rescoring;

import org.leadscoring.store.Database;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a re-scoring run stands; {@link #RUNNING} until it ends in one of the others. */
public enum RunState {
    RUNNING,
    /** Every open Lead was handled. */
    COMPLETED,
    /** The next call would have gone over the credit budget; the next run continues the chain. */
    STOPPED_BUDGET,
    /** Zoho kept failing; the next run continues the chain. */
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
