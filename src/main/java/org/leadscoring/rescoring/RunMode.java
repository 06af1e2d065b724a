package org.leadscoring.rescoring;

import org.leadscoring.store.Database;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much a run covers. A full run reads every open Lead. An incremental run reads only the Leads Zoho modified
 * since the last run, and scores from their stored fields the Leads with stored activities (the only input whose
 * effect changes with time); every other Lead's score cannot have changed.
 */
public enum RunMode {
    FULL, INCREMENTAL;

    @JsonValue
    public String code() {
        return Database.code(this);
    }
}
