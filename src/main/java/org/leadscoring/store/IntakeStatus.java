package org.leadscoring.store;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an intake stands: accepted and not yet tried, waiting for Zoho, done, rejected as spam or test, refused by Zoho
 * (the data is wrong), or in conflict (Zoho holds another person's record with a value this person's record must hold
 * too, such as a unique Phone: nothing was written, and the answer names the field).
 */
public enum IntakeStatus {
    PENDING, QUEUED, DONE, REJECTED, FAILED, CONFLICT;

    @JsonValue
    public String code() {
        return Database.code(this);
    }
}
