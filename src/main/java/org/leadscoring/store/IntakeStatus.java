package org.leadscoring.store;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an intake stands: accepted and not yet tried, waiting for Zoho, done, rejected as spam or test, or refused by Zoho. */
public enum IntakeStatus {
    PENDING, QUEUED, DONE, REJECTED, FAILED;

    @JsonValue
    public String code() {
        return Database.code(this);
    }
}
