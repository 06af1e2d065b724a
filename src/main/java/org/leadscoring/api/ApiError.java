package org.leadscoring.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one JSON shape of every error the API returns: a stable code, a message a person can act on, and the
 * fields at fault where there are any.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, String message, List<FieldError> fields) {

    /** One bad field: its JSON path ({@code prospect.email}, {@code activities[2].at}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, List.of());
    }

    /** A 400 naming each bad field; the message lists them so that a client showing only the message still says which. */
    public static ApiError invalid(List<FieldError> fields) {
        StringBuilder message = new StringBuilder();
        for (FieldError f : fields) {
            message.append(message.isEmpty() ? "" : "; ").append(f.field()).append(' ').append(f.message());
        }
        return new ApiError("invalid_request", message.toString(), List.copyOf(fields));
    }
}
