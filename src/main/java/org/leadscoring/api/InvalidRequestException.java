package org.leadscoring.api;

import java.util.List;

/** A request with bad fields; answered with 400 and the fields named. */
public class InvalidRequestException extends RuntimeException {

    private final List<ApiError.FieldError> fields;

    public InvalidRequestException(List<ApiError.FieldError> fields) {
        super(ApiError.invalid(fields).message());
        this.fields = List.copyOf(fields);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new ApiError.FieldError(field, message)));
    }

    public List<ApiError.FieldError> fields() {
        return fields;
    }
}
