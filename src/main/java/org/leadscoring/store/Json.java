package org.leadscoring.store;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Values the service keeps as JSON text (answers, pending conversions, hook payloads), written and read with the service's mapper. */
@ApplicationScoped
public class Json {

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not writable as JSON: " + value.getClass().getSimpleName(), e);
        }
    }

    /** @throws StoreException when the text is not a {@code type} (a stored value written by another version, or damaged) */
    public <T> T read(String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored " + type.getSimpleName() + " is unreadable", e);
        }
    }
}
