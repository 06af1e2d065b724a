package org.leadscoring.crm.zoho;

import java.util.Map;

/** A Lead or Contact as read from Zoho: its module, id, email and the fields asked for, by API name. */
public record ZohoRecord(ZohoModule module, String id, String email, Map<String, Object> fields) {

    public ZohoRecord {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** The email as the service keys people by ({@link org.leadscoring.scoring.EmailAddress#canonical}), or null when the record has none. */
    public String emailKey() {
        return org.leadscoring.scoring.EmailAddress.canonical(email);
    }
}
