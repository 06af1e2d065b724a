package org.leadscoring.intake;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.leadscoring.api.ApiError;
import org.leadscoring.api.InvalidRequestException;
import org.leadscoring.scoring.FormValues;
import org.leadscoring.scoring.Prospect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads what Webhooks by Zapier and Zapier apps send: a JSON object or an array of one ("Wrap Request In Array"),
 * nested objects or flat {@code a__b} keys (Unflatten on or off), form fields; values as strings or typed. Known
 * fields are found through {@link FieldAliases}; every other field is kept as a custom attribute.
 */
public final class PayloadParser {

    /** Longest activity type: types are short snake-case words (the store keeps 100 characters). */
    static final int MAX_TYPE_LENGTH = org.leadscoring.scoring.Activity.MAX_TYPE_LENGTH;

    /** What one intake may carry: fields once flattened, characters per field name and per value. */
    public record Limits(int maxFields, int maxKeyLength, int maxValueLength) {
    }

    private final FieldAliases aliases;
    private final ObjectMapper json;
    private final Limits limits;

    public PayloadParser(FieldAliases aliases, ObjectMapper json, Limits limits) {
        this.aliases = aliases;
        this.json = json;
        this.limits = limits;
    }

    /** The fields of a JSON body, flattened to {@code a__b} keys. */
    public Map<String, Object> fromJson(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("body", "is empty: send the prospect's fields as JSON or as a form");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            String limit = org.leadscoring.api.JsonLimits.describe(e);
            var at = e.getLocation();
            throw new InvalidRequestException("body", limit != null ? limit
                    : "is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root.isArray()) {
            if (root.size() != 1 || !root.get(0).isObject()) {
                throw new InvalidRequestException("body", "is a list of " + root.size() + " items; send one object (or a list of one)");
            }
            root = root.get(0);
        }
        if (!root.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object of fields");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        return flat;
    }

    /** The fields of a form body; a field sent several times becomes a list. */
    public Map<String, Object> fromForm(Map<String, List<String>> form) {
        Map<String, Object> flat = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            checkField(k, flat.size());
            v.forEach(value -> checkValue(k, value));
            flat.put(k, v.size() == 1 ? v.get(0) : List.copyOf(v));
        });
        return flat;
    }

    /** Refuses one field too many or a field name too long, before the field is kept. */
    private void checkField(String key, int fieldsSoFar) {
        if (fieldsSoFar >= limits.maxFields()) {
            throw new InvalidRequestException("body", "has more than " + limits.maxFields() + " fields");
        }
        if (key.length() > limits.maxKeyLength()) {
            throw new InvalidRequestException("body", "has a field name longer than " + limits.maxKeyLength() + " characters");
        }
    }

    private void checkValue(String key, String value) {
        if (value != null && value.length() > limits.maxValueLength()) {
            throw new InvalidRequestException(key, "is longer than " + limits.maxValueLength() + " characters");
        }
    }

    private void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            checkField(e.getKey(), out.size());
            // Depth is bounded by the JSON limits and each name by max-key-length, so keys stay short.
            String key = prefix.isEmpty() ? e.getKey() : prefix + "__" + e.getKey();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                checkValue(key, v.textValue());
            } else if (v.isContainerNode() && (!v.isObject() || "properties".equals(e.getKey()) || "custom".equals(e.getKey()))
                    && v.toString().length() > limits.maxValueLength()) {
                throw new InvalidRequestException(key, "is longer than " + limits.maxValueLength() + " characters");
            }
            if (v.isObject() && !"properties".equals(e.getKey()) && !"custom".equals(e.getKey())) {
                flatten(key, v, out);
            } else if (v.isNull()) {
                out.put(key, null);
            } else if (v.isValueNode()) {
                out.put(key, v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.asText());
            } else {
                out.put(key, json.convertValue(v, Object.class));
            }
        }
    }

    /**
     * A prospect intake: the prospect's fields, optionally the activity and model.
     *
     * @throws InvalidRequestException naming each field that is missing or cannot be read
     */
    public ParsedIntake prospect(Map<String, Object> fields, String defaultActivity) {
        Map<String, Object> known = new LinkedHashMap<>();
        Map<String, String> sentAs = new LinkedHashMap<>();
        Map<String, Object> custom = new TreeMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            var field = aliases.fieldOf(e.getKey());
            if (field.isPresent() && !known.containsKey(field.get())) {
                known.put(field.get(), e.getValue());
                sentAs.put(field.get(), e.getKey());
            } else if (e.getKey().equals("custom") && e.getValue() instanceof Map<?, ?> map) {
                map.forEach((k, v) -> custom.put(String.valueOf(k), v));
            } else if (e.getValue() != null) {
                custom.put(e.getKey(), e.getValue());
            }
        }
        List<ApiError.FieldError> errors = new ArrayList<>();
        Reader r = new Reader(known, sentAs, errors);
        Prospect prospect = Prospect.builder(r.text("email")).firstName(r.text("first_name")).lastName(r.text("last_name"))
                .company(r.text("company")).title(r.text("title")).phone(r.text("phone")).country(r.text("country")).industry(r.text("industry"))
                .employeeCount(r.count("employee_count")).annualRevenue(r.wholeAmount("annual_revenue")).leadSource(r.text("lead_source"))
                .purchased(Boolean.TRUE.equals(r.flag("purchased"))).purchaseAmount(r.amount("purchase_amount")).emailOptIn(r.flag("email_opt_in"))
                .doNotContact(Boolean.TRUE.equals(r.flag("do_not_contact"))).custom(custom).build().normalised();
        String activity = r.type("activity");
        var at = r.instant("activity_at");
        if (prospect.email() == null && !errors.stream().anyMatch(f -> f.field().equals("email"))) {
            errors.add(0, new ApiError.FieldError("email", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new ParsedIntake(prospect, activity == null ? defaultActivity : activity, at, Map.of(), r.text("model"), canonical(known, custom));
    }

    /**
     * An activity: the prospect's email, the activity type, optionally when it happened; every other field is kept as
     * a property of the activity.
     */
    public ParsedIntake activity(Map<String, Object> fields) {
        Map<String, Object> known = new LinkedHashMap<>();
        Map<String, String> sentAs = new LinkedHashMap<>();
        Map<String, Object> properties = new TreeMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            var field = aliases.fieldOf(e.getKey()).filter(f -> List.of("email", "activity", "activity_at", "model").contains(f));
            if (field.isPresent() && !known.containsKey(field.get())) {
                known.put(field.get(), e.getValue());
                sentAs.put(field.get(), e.getKey());
            } else if (e.getKey().equals("properties") && e.getValue() instanceof Map<?, ?> map) {
                map.forEach((k, v) -> properties.put(String.valueOf(k), v));
            } else if (e.getValue() != null) {
                properties.put(e.getKey(), e.getValue());
            }
        }
        List<ApiError.FieldError> errors = new ArrayList<>();
        Reader r = new Reader(known, sentAs, errors);
        String email = r.text("email");
        String type = r.type("activity");
        var at = r.instant("activity_at");
        if (email == null) {
            errors.add(new ApiError.FieldError("email", "is required: the activity is for the prospect with this email"));
        }
        if (type == null && Coerce.text(known.get("activity")) == null) {
            errors.add(new ApiError.FieldError("type", "is required: what happened, e.g. webinar_attended"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Map<String, Object> canonicalFields = new TreeMap<>(known);
        canonicalFields.put("properties", properties);
        return new ParsedIntake(Prospect.ofEmail(email).normalised(), type, at, properties, r.text("model"), canonical(canonicalFields, Map.of()));
    }

    private String canonical(Map<String, Object> known, Map<String, Object> custom) {
        Map<String, Object> all = new TreeMap<>();
        known.forEach((k, v) -> all.put(k, v == null ? null : v.toString()));
        all.put("custom", new TreeMap<>(custom));
        try {
            return json.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads known fields, collecting an error per field that cannot be read, named as the client sent it. */
    private record Reader(Map<String, Object> known, Map<String, String> sentAs, List<ApiError.FieldError> errors) {

        String text(String field) {
            return Coerce.text(known.get(field));
        }

        /** An activity type, which the store keeps up to {@link #MAX_TYPE_LENGTH} characters. */
        String type(String field) {
            String type = text(field);
            if (type != null && type.length() > MAX_TYPE_LENGTH) {
                errors.add(new ApiError.FieldError(sentAs.getOrDefault(field, field), "is longer than " + MAX_TYPE_LENGTH
                        + " characters: name what happened in a few words, e.g. webinar_attended"));
                return null;
            }
            return type;
        }

        Integer count(String field) {
            return read(field, () -> FormValues.count(known.get(field)));
        }

        Long wholeAmount(String field) {
            return read(field, () -> FormValues.wholeAmount(known.get(field)));
        }

        java.math.BigDecimal amount(String field) {
            return read(field, () -> FormValues.amount(known.get(field)));
        }

        Boolean flag(String field) {
            return read(field, () -> FormValues.flag(known.get(field)));
        }

        java.time.Instant instant(String field) {
            return read(field, () -> Coerce.instant(known.get(field)));
        }

        private <T> T read(String field, java.util.function.Supplier<T> reader) {
            try {
                return reader.get();
            } catch (IllegalArgumentException e) {
                errors.add(new ApiError.FieldError(sentAs.getOrDefault(field, field), e.getMessage()));
                return null;
            }
        }
    }
}
