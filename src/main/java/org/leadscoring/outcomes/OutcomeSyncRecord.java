package org.leadscoring.outcomes;

import java.time.Instant;

import org.leadscoring.jobs.RunState;

/**
 * One outcome sync: how it stands ({@code running} until it ends as a re-scoring run does), what started it, what it
 * reads ({@code since}: modifications from then; null, everything), where it is (the module and the last id read: the
 * checkpoint the next sync continues from), its calls and credits, and how many records of prospects it found.
 * {@code chainStartedAt} is when the first of the syncs that continue each other started: modifications after it may
 * have been missed by the pages read before, so the sync after a completed chain reads from then.
 */
public record OutcomeSyncRecord(String id, RunState state, String trigger, Instant since, String module, String afterId, long calls,
        long credits, int leads, int contacts, int deals, String message, Instant startedAt, Instant chainStartedAt, Instant updatedAt,
        Instant finishedAt) {
}
