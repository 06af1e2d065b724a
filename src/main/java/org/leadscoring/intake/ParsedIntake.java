package org.leadscoring.intake;

import java.time.Instant;
import java.util.Map;

import org.leadscoring.scoring.Prospect;

/**
 * What a Zapier payload says once its field names and values are understood: the prospect, the activity it
 * records (type, time, properties) and optionally the model to score with. {@code canonical} is the payload in
 * one canonical form, for deriving an idempotency key.
 */
public record ParsedIntake(Prospect prospect, String activityType, Instant activityAt, Map<String, Object> activityProperties, String model,
        String canonical) {
}
