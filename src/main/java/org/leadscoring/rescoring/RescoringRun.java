package org.leadscoring.rescoring;

import java.time.Instant;

/**
 * A re-scoring run as recorded: its state ({@code running}, {@code completed}, {@code stopped_budget},
 * {@code interrupted}, {@code failed}), phase ({@code scoring} pages, then {@code converting}, then {@code done}), where it is
 * (the checkpoint: page number or token), counts, Zoho calls and credits, and timing.
 */
public record RescoringRun(String id, String chainId, String state, String phase, boolean dryRun, String model, String rulesetVersion,
        Instant scoringNow, String trigger, int cursorPage, String cursorToken, int pagesDone, Integer total, int scanned, int unchanged, int changed,
        int converted, int failed, long calls, long credits, String message, Instant startedAt, Instant updatedAt, Instant finishedAt) {
}
