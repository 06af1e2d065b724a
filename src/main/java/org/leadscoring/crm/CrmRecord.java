package org.leadscoring.crm;

import java.util.Map;

/**
 * A Lead, Contact or Deal as read from the CRM: its kind, id, email, the fields asked for (by the CRM's names, as the
 * {@link FieldMapping} gives them), and whether it is a Lead already converted (reads of what was modified answer
 * those too, so that a caller can forget them).
 */
public record CrmRecord(RecordKind module, String id, String email, Map<String, Object> fields, boolean converted) {

    public CrmRecord {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** A record that is not a converted Lead. */
    public CrmRecord(RecordKind module, String id, String email, Map<String, Object> fields) {
        this(module, id, email, fields, false);
    }

    /** The email as the service keys people by ({@link org.leadscoring.scoring.EmailAddress#canonical}), or null when the record has none. */
    public String emailKey() {
        return org.leadscoring.scoring.EmailAddress.canonical(email);
    }
}
