package org.leadscoring.crm.zoho;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Reads Zoho's envelopes: bodies as trees, and error items as {@link ZohoError}s. */
final class ZohoJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ZohoJson() {
    }

    /** The body as a tree; a missing node for empty bodies (204) and bodies that are not JSON. */
    static JsonNode read(Response response) {
        if (!response.hasEntity()) {
            return MissingNode.getInstance();
        }
        String text = response.readEntity(String.class);
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** An error item or request-level error: {@code {"code","message","status","details"}}. */
    static ZohoError error(int httpStatus, JsonNode item) {
        JsonNode details = item.path("details");
        String field = text(details, "api_name");
        String duplicateId = null;
        if (details.has("duplicate_record")) {
            duplicateId = text(details.path("duplicate_record"), "id");
        }
        if (duplicateId == null && "DUPLICATE_DATA".equals(item.path("code").asText())) {
            duplicateId = text(details, "id");
        }
        Map<String, Object> map = details.isObject() ? MAPPER.convertValue(details, HashMap.class) : Map.of();
        map.values().removeIf(java.util.Objects::isNull);
        return new ZohoError(httpStatus, item.path("code").asText("UNKNOWN"), item.path("message").asText(""), field, duplicateId, map);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
