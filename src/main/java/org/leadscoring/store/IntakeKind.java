package org.leadscoring.store;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an intake brought in: a prospect (their fields, maybe an activity) or an activity of a known person. */
public enum IntakeKind {
    PROSPECT("lead"), ACTIVITY("event");

    private final String keyCode;

    IntakeKind(String keyCode) {
        this.keyCode = keyCode;
    }

    /**
     * The word idempotency keys and request hashes are derived with. It is the endpoint's name before 0.2
     * ({@code /leads}, {@code /events}), kept so that a Zap retrying across an upgrade is still a replay.
     */
    public String keyCode() {
        return keyCode;
    }

    @JsonValue
    public String code() {
        return Database.code(this);
    }

    /** The kind stored in an intake row, by its code or by the word rows stored before 0.2. */
    static IntakeKind stored(String text) {
        for (IntakeKind k : values()) {
            if (k.code().equals(text) || k.keyCode.equals(text)) {
                return k;
            }
        }
        throw new IllegalStateException("An intake of unknown kind " + text.toLowerCase(Locale.ROOT));
    }
}
