package org.leadscoring.rescoring;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A re-scoring run as recorded: what it was asked to do, where it stands, its checkpoint, its counts and what it
 * cost. In JSON the parts are flat ({@code state}, {@code cursor_page}, {@code scanned}, {@code credits} …).
 */
public record RescoringRun(String id, String chainId, RunState state, RunPhase phase, @JsonUnwrapped Settings settings, String rulesetVersion,
        @JsonUnwrapped Checkpoint checkpoint, @JsonUnwrapped Counts counts, String message, @JsonUnwrapped Timing timing) {

    /**
     * What the run was asked to do: write or only say what it would ({@code dryRun}), with which model (null: the
     * default), scoring at which moment, and what started it ({@code schedule}, {@code api}, {@code rules_change},
     * {@code publish:vN}).
     */
    public record Settings(boolean dryRun, String model, Instant scoringNow, String trigger) {
    }

    /** Where the next run of the chain goes on: the next page's number or token, and the pages done. */
    public record Checkpoint(int cursorPage, String cursorToken, int pagesDone) {

        static final Checkpoint FIRST = new Checkpoint(1, null, 0);
    }

    /** What the run counted so far: open Leads in Zoho ({@code total}, once read), Leads by outcome, calls and credits. */
    public record Counts(Integer total, int scanned, int unchanged, int changed, int converted, int failed, long calls, long credits) {

        static final Counts NONE = new Counts(null, 0, 0, 0, 0, 0, 0, 0);
    }

    public record Timing(Instant startedAt, Instant updatedAt, Instant finishedAt) {
    }

    public boolean dryRun() {
        return settings.dryRun();
    }
}
