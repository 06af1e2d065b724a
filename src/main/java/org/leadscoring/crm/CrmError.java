package org.leadscoring.crm;

import java.util.Map;

/**
 * An error Zoho answered, typed by its code: {@code MANDATORY_NOT_FOUND} on {@code Last_Name}, {@code INVALID_DATA}
 * on {@code Email}, {@code DUPLICATE_DATA} with the id of the record that already exists, {@code INVALID_TOKEN} …
 *
 * Errors read from Zoho's answers carry no message (Zoho's text may echo the request; see {@code ZohoJson.error}); the
 * service's own errors ({@code CIRCUIT_OPEN}, {@code OUTCOME_UNKNOWN} …) say in {@code message} what happened.
 *
 * @param httpStatus  the HTTP status of the answer, 0 when no answer came
 * @param field       the field API name Zoho named ({@code details.api_name}), if any
 * @param duplicateId the existing record's id for {@code DUPLICATE_DATA}, if any
 */
public record CrmError(int httpStatus, String code, String message, String field, String duplicateId, Map<String, Object> details) {

    public CrmError {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public boolean is(String otherCode) {
        return otherCode.equalsIgnoreCase(code);
    }

    @Override
    public String toString() {
        return code + (field == null ? "" : " on " + field) + (message == null || message.isEmpty() ? "" : ": " + message) + (duplicateId == null ? "" : " (existing record " + duplicateId + ")")
                + (httpStatus > 0 ? " [HTTP " + httpStatus + "]" : "");
    }
}
