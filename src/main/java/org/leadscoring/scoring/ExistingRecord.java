package org.leadscoring.scoring;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the CRM already holds for the prospect's email. */
public enum ExistingRecord {
    NONE, LEAD, CONTACT;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static ExistingRecord parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        for (ExistingRecord r : values()) {
            if (r.jsonName().equalsIgnoreCase(value.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("must be one of none, lead, contact");
    }
}
