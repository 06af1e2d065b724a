package org.leadscoring.crm;

/** Whether calls go to the CRM now: {@code closed} (they do), {@code open} (the CRM failed again and again: none for a while), {@code half_open} (one probe). */
public enum CircuitState {
    CLOSED, OPEN, HALF_OPEN;

    @com.fasterxml.jackson.annotation.JsonValue
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
