package org.leadscoring.scoring;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the CRM should do with a prospect. */
public enum DecisionAction {
    CREATE_LEAD, UPDATE_LEAD, CONVERT_LEAD, CREATE_CONTACT, UPDATE_CONTACT, REJECT;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * How the CRM treats the person after this action: {@code lead} (still being qualified), {@code contact} (bought, or
     * qualified and converted) or {@code rejected}. Creating and updating a record are the same treatment.
     */
    public String treatment() {
        return switch (this) {
            case CREATE_LEAD, UPDATE_LEAD -> "lead";
            case REJECT -> "rejected";
            case CONVERT_LEAD, CREATE_CONTACT, UPDATE_CONTACT -> "contact";
        };
    }

    public static DecisionAction parse(String value) {
        for (DecisionAction a : values()) {
            if (a.jsonName().equalsIgnoreCase(value.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown decision '" + value + "'");
    }
}
