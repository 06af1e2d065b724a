package org.leadscoring.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/** Says which JSON field a parse failure is about, and what was wrong, without Java class names. */
public final class JsonErrors {

    private JsonErrors() {
    }

    static ApiError.FieldError fieldError(JsonProcessingException e) {
        String path = e instanceof JsonMappingException jme ? path(jme) : "";
        String field = path.isEmpty() ? "body" : path;
        String limit = JsonLimits.describe(e);
        if (limit != null) {
            return new ApiError.FieldError("body", limit);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new ApiError.FieldError(field, "is not a known field" + (u.getKnownPropertyIds() == null ? ""
                    : "; known fields are " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()));
        }
        if (e instanceof InvalidFormatException f) {
            return new ApiError.FieldError(field, "has the wrong type or format: " + describe(f.getValue()) + " is not " + expected(f.getTargetType()));
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() == null ? v : v.getCause();
            return new ApiError.FieldError(field, shorten(String.valueOf(cause.getMessage())));
        }
        if (e instanceof MismatchedInputException m) {
            return new ApiError.FieldError(field, "has the wrong type: expected " + expected(m.getTargetType()));
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae) {
            return new ApiError.FieldError(field, shorten(String.valueOf(iae.getMessage())));
        }
        var loc = e.getLocation();
        return new ApiError.FieldError(field, "is not valid JSON" + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
    }

    /** A message from deeper down, cut so that an answer never repeats much of what was sent. */
    static String shorten(String message) {
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    /** The JSON (or YAML) path of a mapping failure: {@code prospect.email}, {@code examples[2].prospect}. */
    public static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return sb.toString();
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"" : String.valueOf(value);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the right type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 timestamp such as 2026-11-01T12:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).toList();
        }
        return "a " + type.getSimpleName();
    }
}
