package org.leadscoring.crm.zoho;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.leadscoring.config.Secrets;
import org.leadscoring.crm.CrmError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Reads Zoho's envelopes: bodies as trees, and error items as {@link CrmError}s. */
final class ZohoJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ZohoJson() {
    }

    /**
     * The body as a tree; a missing node for an empty body (204) and for a body that is not a JSON object — a gateway's
     * HTML page, a truncated answer — which {@link #isAnswer} tells apart from Zoho's answers.
     */
    static JsonNode read(Response response) {
        if (!response.hasEntity()) {
            return MissingNode.getInstance();
        }
        String text = response.readEntity(String.class);
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode tree = MAPPER.readTree(text);
            return tree != null && tree.isObject() ? tree : MissingNode.getInstance();
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** Whether a body is Zoho's JSON: an object. Empty bodies and bodies that are not JSON objects are not. */
    static boolean isAnswer(JsonNode body) {
        return body != null && body.isObject();
    }

    /** The {@code details} Zoho answers that the service keeps: which field, and which record or limit. */
    private static final java.util.Set<String> KEPT_DETAILS = java.util.Set.of("api_name", "json_path", "expected_data_type", "maximum_length",
            "id", "limit", "param_name", "resource_path_index", "retry_after");
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_ ]{1,60}");

    /**
     * An error item or request-level error: {@code {"code","message","status","details"}}, kept as its code, the field
     * and record it names and a few other details. Zoho's {@code message} is not kept: it may echo what the request
     * carried (a Zoho answer that echoes the {@code Authorization} header would put the access token in it), and the code
     * says what went wrong. A code that is not a plain code is {@code UNKNOWN}; what is kept is scrubbed of {@link Secrets}.
     */
    static CrmError error(int httpStatus, JsonNode item) {
        JsonNode details = item.path("details");
        String field = text(details, "api_name");
        String duplicateId = null;
        if (details.has("duplicate_record")) {
            duplicateId = text(details.path("duplicate_record"), "id");
        }
        String code = item.path("code").asText("");
        if (duplicateId == null && "DUPLICATE_DATA".equals(code)) {
            duplicateId = text(details, "id");
        }
        Map<String, Object> kept = new HashMap<>();
        if (details.isObject()) {
            details.fields().forEachRemaining(e -> {
                if (KEPT_DETAILS.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                    kept.put(e.getKey(), Secrets.scrub(e.getValue().asText()));
                }
            });
        }
        return new CrmError(httpStatus, plainCode(code), "", field == null ? null : Secrets.scrub(field),
                duplicateId == null ? null : Secrets.scrub(duplicateId), kept);
    }

    /** A code as Zoho writes them ({@code INVALID_DATA}); anything else, or a code holding a secret, is {@code UNKNOWN}. */
    static String plainCode(String code) {
        return code != null && CODE.matcher(code).matches() && !Secrets.leaks(code) ? code : "UNKNOWN";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
