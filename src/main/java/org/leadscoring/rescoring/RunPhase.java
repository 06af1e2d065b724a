package org.leadscoring.rescoring;

import org.leadscoring.store.Database;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a re-scoring run is doing: scoring pages of open Leads read from Zoho; in an incremental run, then scoring the
 * Leads whose activities decay from their stored fields; then converting those that qualified; then done.
 */
public enum RunPhase {
    SCORING,
    DECAYING,
    CONVERTING,
    DONE;

    @JsonValue
    public String code() {
        return Database.code(this);
    }
}
