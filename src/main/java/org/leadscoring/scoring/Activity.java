package org.leadscoring.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
        @NotBlank(message = "is required") @Size(max = Activity.MAX_TYPE_LENGTH) String type,
        @NotNull(message = "is required") @com.fasterxml.jackson.annotation.JsonAlias("occurred_at") Instant at,
        Map<String, Object> properties,
        long daysAgo) {

    /** The longest activity type: the intake refuses longer ones and the store keeps this many characters. */
    public static final int MAX_TYPE_LENGTH = 100;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.]+");

    public Activity {
        type = normaliseType(type);
        properties = properties == null || properties.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    public Activity(String type, Instant at) {
        this(type, at, Map.of(), 0);
    }

    /** This activity seen from {@code now}: its age in whole days, never negative. */
    public Activity asOf(Instant now) {
        long days = at == null ? 0 : Math.max(0, Duration.between(at, now).toDays());
        return new Activity(type, at, properties, days);
    }

    /** Whether a type is already lower-case snake case: true for every activity once stored, so scoring skips the regex. */
    private static boolean isNormalised(String type) {
        if (type.isEmpty()) {
            return false;
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Activity types are compared as lower-case snake case, so "Webinar Attended" and "webinar-attended" are one type. */
    public static String normaliseType(String type) {
        if (type == null) {
            return null;
        }
        if (isNormalised(type)) {
            return type;
        }
        String t = SEPARATORS.matcher(type.trim().toLowerCase(Locale.ROOT)).replaceAll("_");
        return t.isEmpty() ? null : t;
    }
}
