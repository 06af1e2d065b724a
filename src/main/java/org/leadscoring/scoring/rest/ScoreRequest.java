package org.leadscoring.scoring.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.Prospect;

/**
 * The body of {@code POST /api/score}: a prospect with their activities, and optionally the model to use, what
 * the CRM already holds for them, and the moment to score at (default: now).
 */
public record ScoreRequest(
        @NotNull(message = "is required") @Valid Prospect prospect,
        List<@NotNull(message = "must not be null") @Valid Activity> activities,
        String model,
        ExistingRecord existing,
        Instant now) {

    public ScoreRequest {
        activities = activities == null ? List.of() : activities;
    }

    /** The request with the prospect tidied (email trimmed and lower-cased…), as it is validated and scored. */
    public ScoreRequest normalised() {
        return new ScoreRequest(prospect == null ? null : prospect.normalised(), activities, model, existing, now);
    }
}
