package org.leadscoring.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** Checks a request body against its constraints and turns every violation into a field error with a JSON path. */
@ApplicationScoped
public class RequestValidation {

    private static final PropertyNamingStrategies.NamingBase SNAKE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final Validator validator;

    @Inject
    RequestValidation(Validator validator) {
        this.validator = validator;
    }

    /**
     * @throws InvalidRequestException naming each bad field, when the body is missing or breaks a constraint
     */
    public <T> T validate(T body) {
        if (body == null) {
            throw new InvalidRequestException("body", "is required: send a JSON object");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (violations.isEmpty()) {
            return body;
        }
        List<ApiError.FieldError> fields = new ArrayList<>();
        for (ConstraintViolation<T> v : violations) {
            fields.add(new ApiError.FieldError(jsonPath(v.getPropertyPath()), v.getMessage()));
        }
        fields.sort(Comparator.comparing(ApiError.FieldError::field));
        throw new InvalidRequestException(fields);
    }

    static String jsonPath(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null && sb.length() > 0 && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                sb.append('[').append(node.getIndex()).append(']');
            } else if (node.getIndex() != null && node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                sb.append('[').append(node.getIndex()).append(']');
                continue;
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                sb.append(sb.isEmpty() ? "" : ".").append(SNAKE.translate(node.getName()));
            }
        }
        return sb.toString();
    }
}
