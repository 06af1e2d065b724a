package org.leadscoring.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Something a prospect did at a point in time: signed up for a newsletter, attended a webinar, visited the
 * pricing page, purchased. {@code daysAgo} is filled in when the activity is scored, relative to the
 * scoring time, so rules and decay can speak of age.
 */
@JsonIgnoreProperties(value = { "days_ago" }, allowGetters = true)
public record Activity(
        @NotBlank(message = "is required") @Size(max = 100) String type,
        @NotNull(message = "is required") Instant at,
        Map<String, Object> properties,
        long daysAgo) {

    public Activity {
        type = normaliseType(type);
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    public Activity(String type, Instant at) {
        this(type, at, Map.of(), 0);
    }

    /** This activity seen from {@code now}: its age in whole days, never negative. */
    public Activity asOf(Instant now) {
        long days = at == null ? 0 : Math.max(0, Duration.between(at, now).toDays());
        return new Activity(type, at, properties, days);
    }

    /** Activity types are compared as lower-case snake case, so "Webinar Attended" and "webinar-attended" are one type. */
    public static String normaliseType(String type) {
        if (type == null) {
            return null;
        }
        String t = type.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-.]+", "_");
        return t.isEmpty() ? null : t;
    }
}
