package org.leadscoring.intake.hooks;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.leadscoring.jobs.WorkItem;
import org.leadscoring.jobs.WorkQueue;
import org.leadscoring.store.Database;

/**
 * Hook subscriptions, the hook events recorded for them and for polling, and each event's delivery to each subscription
 * (work of kind {@link WorkItem.Kind#HOOK_DELIVERY} in the one {@link WorkQueue}: subject the subscription, ref the event).
 */
@ApplicationScoped
public class HookRepository {

    private final Database db;
    private final WorkQueue queue;

    @Inject
    HookRepository(Database db, WorkQueue queue) {
        this.db = db;
        this.queue = queue;
    }

    /** A subscription of a Zap to a hook event. */
    public record Subscription(String id, String event, String targetUrl, Instant createdAt) {
    }

    /** A hook event as recorded: its unique id, kind, person, and payload (a {@link org.leadscoring.crm.HookPayload}). */
    public record Event(String id, String event, String email, String payloadJson, Instant createdAt) {
    }

    /** One event still to deliver to one subscription's target, and how often it was tried. */
    record Delivery(long id, String subscriptionId, String url, String payload, int attempts) {
    }

    void add(Subscription s) {
        db.update("INSERT INTO hook_subscription (id, event, target_url, created_at) VALUES (?, ?, ?, ?)", s.id(), s.event(), s.targetUrl(),
                s.createdAt());
    }

    /** Removes a subscription and what was still to deliver to it; false when there was none. */
    @Transactional
    boolean remove(String id) {
        queue.dropPending(WorkItem.Kind.HOOK_DELIVERY, id);
        return db.update("DELETE FROM hook_subscription WHERE id = ?", id) == 1;
    }

    Optional<Subscription> subscription(String id) {
        return db.one("SELECT * FROM hook_subscription WHERE id = ?",
                row -> new Subscription(row.text("id"), row.text("event"), row.text("target_url"), row.instant("created_at")), id);
    }

    /** Records an event once (false when its id was recorded before) with a delivery to every subscription of its kind. */
    boolean record(Event e) {
        if (db.update("INSERT INTO hook_event (id, event, email, payload, created_at) SELECT ?, ?, ?, ?, ? FROM (VALUES (1)) AS one(x) "
                + "WHERE NOT EXISTS (SELECT 1 FROM hook_event WHERE id = ?)", e.id(), e.event(), e.email(), e.payloadJson(), e.createdAt(), e.id()) == 0) {
            return false;
        }
        db.update("INSERT INTO work_item (kind, subject, ref, due_at, created_at) SELECT ?, id, ?, ?, ? FROM hook_subscription WHERE event = ?",
                WorkItem.Kind.HOOK_DELIVERY, e.id(), e.createdAt(), e.createdAt(), e.event());
        return true;
    }

    /** The newest events of a kind first, for polling triggers. */
    List<Event> newest(String event, int limit) {
        return db.query(limit, "SELECT * FROM hook_event WHERE event = ? ORDER BY seq DESC",
                row -> new Event(row.text("id"), row.text("event"), row.text("email"), row.text("payload"), row.instant("created_at")), event);
    }

    /** Deliveries due now, oldest first. */
    List<Delivery> due(Instant now, int limit) {
        return db.query(limit, "SELECT d.id, d.subject AS subscription_id, s.target_url, e.payload, d.attempts FROM work_item d "
                + "JOIN hook_subscription s ON s.id = d.subject JOIN hook_event e ON e.id = d.ref "
                + "WHERE d.kind = ? AND d.done_at IS NULL AND d.due_at <= ? ORDER BY d.id", HookRepository::delivery, WorkItem.Kind.HOOK_DELIVERY, now);
    }

    /** Ends a delivery after its last attempt; {@code error} null when the target took it. */
    void done(Delivery d, String error) {
        queue.end(d.id(), d.attempts() + 1, error);
    }

    void retryLater(Delivery d, Instant next, String error) {
        queue.retryLater(d.id(), d.attempts() + 1, next, error);
    }

    private static Delivery delivery(Database.Row row) throws SQLException {
        return new Delivery(row.number("id"), row.text("subscription_id"), row.text("target_url"), row.text("payload"), row.integer("attempts"));
    }
}
