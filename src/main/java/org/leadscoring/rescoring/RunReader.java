package org.leadscoring.rescoring;

import org.leadscoring.store.Database;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a run reads the open Leads: by COQL, 2,000 a call in id order (3 credits a call), or by listing pages of 200
 * (1 credit a call), which a run falls back to when Zoho refuses the query.
 */
public enum RunReader {
    COQL, PAGES;

    @JsonValue
    public String code() {
        return Database.code(this);
    }
}
