package org.leadscoring.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.leadscoring.jobs.WorkItem;
import org.leadscoring.jobs.WorkQueue;

/**
 * The outbox: each accepted intake's CRM work until it is done — work of kind {@link WorkItem.Kind#INTAKE} in the one
 * {@link WorkQueue}, claimed by one worker at a time, in order per prospect.
 */
@ApplicationScoped
public class OutboxRepository {

    private static final WorkItem.Kind KIND = WorkItem.Kind.INTAKE;

    private final WorkQueue queue;

    @Inject
    public OutboxRepository(WorkQueue queue) {
        this.queue = queue;
    }

    /** Adds the CRM work of an intake, due at once. */
    void add(String intakeId, String email, Instant at) {
        queue.add(KIND, email, intakeId, null, at);
    }

    /** Items due now, oldest first. */
    public List<OutboxItem> due(Instant now, int limit) {
        return queue.due(KIND, now, limit).stream().map(OutboxRepository::item).toList();
    }

    /** The pending item of an intake, if its CRM work is not done. */
    public Optional<OutboxItem> pendingFor(String intakeId) {
        return queue.pendingAbout(KIND, intakeId).map(OutboxRepository::item);
    }

    /** Whether an older item for the same prospect is still pending: work is done in order per prospect. */
    public boolean hasEarlierPending(String email, long id) {
        return queue.hasEarlierPending(KIND, email, id);
    }

    /** Takes an item for this instance until {@code until}; false when another worker holds it. */
    @Transactional
    public boolean claim(long id, Instant now, Instant until) {
        return queue.claim(id, now, until);
    }

    /** Makes every pending item due now (the CRM is back after an outage); how many. */
    public int makeDue(Instant now) {
        return queue.makeDue(KIND, now);
    }

    void done(long id) {
        queue.done(id);
    }

    /** Puts an item off to its next attempt, releasing its claim (the intake's answer, when it has one, is the caller's). */
    public void retryLater(long id, OutboxItem.Retry retry) {
        queue.retryLater(id, retry.attempts(), retry.nextAttemptAt(), retry.error());
    }

    private static OutboxItem item(WorkItem w) {
        return new OutboxItem(w.id(), w.ref(), w.subject(), w.attempts(), w.dueAt(), w.lastError());
    }
}
