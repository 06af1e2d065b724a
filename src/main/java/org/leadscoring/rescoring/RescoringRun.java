package org.leadscoring.rescoring;

import java.time.Instant;

import org.leadscoring.jobs.RunState;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A re-scoring run as recorded: what it was asked to do, where it stands, its checkpoint, its counts and what it
 * cost. In JSON the parts are flat ({@code state}, {@code cursor_page}, {@code scanned}, {@code credits} …).
 */
public record RescoringRun(String id, String chainId, RunState state, RunPhase phase, @JsonUnwrapped Settings settings, @JsonUnwrapped Scope scope,
        String rulesetVersion,
        @JsonUnwrapped Checkpoint checkpoint, @JsonUnwrapped Counts counts, @JsonUnwrapped Cost cost, String message, @JsonUnwrapped Timing timing) {

    /**
     * What the run was asked to do: write or only say what it would ({@code dryRun}), with which model (null: the
     * default), scoring at which moment, and what started it ({@code schedule}, {@code api} (the API key), {@code api:name} (a person or admin key), {@code rules_change},
     * {@code publish:vN}).
     */
    public record Settings(boolean dryRun, String model, Instant scoringNow, String trigger) {
    }

    /**
     * What the run covers and why ({@code mode_reason}: "asked for", "the rule set changed since the last full run" …);
     * an incremental run reads the Leads Zoho modified from {@code modifiedSince} on.
     */
    public record Scope(RunMode mode, String modeReason, Instant modifiedSince) {

        static Scope full(String why) {
            return new Scope(RunMode.FULL, why, null);
        }
    }

    /**
     * Where the next run of the chain goes on: with which reader, after which Lead id (COQL) or at which page number or
     * token (listing), and the pages done.
     */
    public record Checkpoint(RunReader reader, int cursorPage, String cursorToken, String cursorAfterId, int pagesDone) {

        static Checkpoint first(RunReader reader) {
            return new Checkpoint(reader, 1, null, null, 0);
        }
    }

    /**
     * What the run counted so far: open Leads in Zoho ({@code total}, once read), the Leads an incremental run found to
     * score ({@code candidates}: modified in Zoho, or with activities), and Leads by outcome.
     */
    public record Counts(Integer total, Integer candidates, int scanned, int unchanged, int changed, int converted, int failed) {

        static final Counts NONE = new Counts(null, null, 0, 0, 0, 0, 0);
    }

    /** What the run cost so far: Zoho calls, and credits in all, for reads and for writes. */
    public record Cost(long calls, long credits, long readCredits, long writeCredits) {

        static final Cost NONE = new Cost(0, 0, 0, 0);
    }

    /** Credits per 1,000 Leads scanned, for comparing runs of any size; null before any Lead is scanned. */
    @JsonProperty("credits_per_1000_scanned")
    public Double creditsPerThousandScanned() {
        return counts.scanned() == 0 ? null : Math.round(cost.credits() * 10_000.0 / counts.scanned()) / 10.0;
    }

    public record Timing(Instant startedAt, Instant updatedAt, Instant finishedAt) {
    }

    public boolean dryRun() {
        return settings.dryRun();
    }
}
