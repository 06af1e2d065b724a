package org.leadscoring.jobs;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.leadscoring.store.Database;

/**
 * The one durable work queue: every piece of background work that must survive a restart (an intake's CRM work, a
 * conversion the CRM scheduled, a hook delivery) is a {@link WorkItem} of its {@link WorkItem.Kind} in one table, due
 * at a time, handed to its kind's {@link Worker} by the one {@link Dispatcher}, retried with the one {@link Backoff},
 * claimed by one worker at a time across instances, and kept once done (with its last error) for the record. Each kind's
 * worker reads its own items; what an item means is the worker's.
 */
@ApplicationScoped
public class WorkQueue {

    private final Database db;

    public WorkQueue(Database db) {
        this.db = db;
    }

    /** Adds a piece of work, due at {@code dueAt}. */
    public void add(WorkItem.Kind kind, String subject, String ref, String payload, Instant dueAt) {
        db.update("INSERT INTO work_item (kind, subject, ref, payload, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?)", kind, subject, ref, payload,
                dueAt, Instant.now());
    }

    /** Adds a piece of work unless {@code subject} has work of this kind still to do; false when it had. */
    public boolean addOnce(WorkItem.Kind kind, String subject, String ref, String payload, Instant dueAt) {
        return db.update("INSERT INTO work_item (kind, subject, ref, payload, due_at, created_at) SELECT ?, ?, ?, ?, ?, ? FROM (VALUES (1)) AS one(x) "
                + "WHERE NOT EXISTS (SELECT 1 FROM work_item WHERE kind = ? AND subject = ? AND done_at IS NULL)", kind, subject, ref, payload, dueAt,
                Instant.now(), kind, subject) == 1;
    }

    /** Work of a kind due now and claimed by no one, oldest first. */
    public List<WorkItem> due(WorkItem.Kind kind, Instant now, int limit) {
        return db.query(limit, "SELECT * FROM work_item WHERE kind = ? AND done_at IS NULL AND due_at <= ? "
                + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id", WorkQueue::item, kind, now, now);
    }

    /** Whether work of a kind is due now and claimed by no one: what the {@link Dispatcher} asks each round. */
    public boolean anyDue(WorkItem.Kind kind, Instant now) {
        return !db.query(1, "SELECT id FROM work_item WHERE kind = ? AND done_at IS NULL AND due_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)",
                row -> row.number("id"), kind, now, now).isEmpty();
    }

    /** How much work of a kind is still to do, and when the oldest of it was added (null: none). */
    public record Backlog(long waiting, Instant oldest) {

        /** How long the oldest work still to do has waited by {@code now}; zero when there is none. */
        public java.time.Duration oldestAge(Instant now) {
            return oldest == null || oldest.isAfter(now) ? java.time.Duration.ZERO : java.time.Duration.between(oldest, now);
        }
    }

    /** The work of a kind still to do: how much, and since when (for ops' metrics). */
    public Backlog backlog(WorkItem.Kind kind) {
        return db.one("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM work_item WHERE kind = ? AND done_at IS NULL",
                row -> new Backlog(row.number("n"), row.instant("oldest")), kind).orElse(new Backlog(0, null));
    }

    /** The work still to do about {@code ref} (an intake), if any. */
    public Optional<WorkItem> pendingAbout(WorkItem.Kind kind, String ref) {
        return db.one("SELECT * FROM work_item WHERE kind = ? AND ref = ? AND done_at IS NULL", WorkQueue::item, kind, ref);
    }

    /** The work still to do for {@code subject} (a Lead's conversion), if any. */
    public Optional<WorkItem> pendingFor(WorkItem.Kind kind, String subject) {
        return db.query(1, "SELECT * FROM work_item WHERE kind = ? AND subject = ? AND done_at IS NULL ORDER BY id", WorkQueue::item, kind, subject)
                .stream().findFirst();
    }

    /** Whether older work of this kind for the same subject is still to do: such work is done in order per subject. */
    public boolean hasEarlierPending(WorkItem.Kind kind, String subject, long id) {
        return db.one("SELECT COUNT(*) AS n FROM work_item WHERE kind = ? AND subject = ? AND id < ? AND done_at IS NULL", row -> row.number("n"), kind,
                subject, id).orElse(0L) > 0;
    }

    /** Takes an item for this instance until {@code until}; false when another worker holds it or it is done. */
    public boolean claim(long id, Instant now, Instant until) {
        return db.update("UPDATE work_item SET claimed_until = ? WHERE id = ? AND done_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)",
                until, id, now) == 1;
    }

    /** Makes every item of a kind still to do due now (the CRM is back after an outage); how many. */
    public int makeDue(WorkItem.Kind kind, Instant now) {
        return db.update("UPDATE work_item SET due_at = ? WHERE kind = ? AND done_at IS NULL AND due_at > ?", now, kind, now);
    }

    /** Ends an item that is done; false when it had ended already (another worker ended it), so that what that means happens once. */
    public boolean done(long id) {
        return db.update("UPDATE work_item SET done_at = ?, claimed_until = NULL WHERE id = ? AND done_at IS NULL", Instant.now(), id) == 1;
    }

    /**
     * Ends an item after its {@code attempts}th attempt: done ({@code error} null), or given up with {@code error}; false
     * when it had ended already.
     */
    public boolean end(long id, int attempts, String error) {
        return db.update("UPDATE work_item SET done_at = ?, attempts = ?, last_error = ?, claimed_until = NULL WHERE id = ? AND done_at IS NULL",
                Instant.now(), attempts, error, id) == 1;
    }

    /** Puts an item off to {@code next} after a failed attempt (its {@code attempts}th), with why. */
    public void retryLater(long id, int attempts, Instant next, String error) {
        db.update("UPDATE work_item SET attempts = ?, due_at = ?, last_error = ?, claimed_until = NULL WHERE id = ?", attempts, next, error, id);
    }

    /** Forgets what is still to do of a kind for {@code subject} (a subscription removed); how many. */
    public int dropPending(WorkItem.Kind kind, String subject) {
        return db.update("DELETE FROM work_item WHERE kind = ? AND subject = ? AND done_at IS NULL", kind, subject);
    }

    private static WorkItem item(Database.Row row) throws SQLException {
        return new WorkItem(row.number("id"), row.code("kind", WorkItem.Kind.class), row.text("subject"), row.text("ref"), row.text("payload"),
                row.integer("attempts"), row.instant("due_at"), row.text("last_error"), row.instant("created_at"));
    }
}
