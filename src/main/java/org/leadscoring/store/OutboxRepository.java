package org.leadscoring.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The outbox: each accepted intake's Zoho work until it is done, claimed by one worker at a time. */
@ApplicationScoped
public class OutboxRepository {

    @Inject
    Database db;

    /** Adds the Zoho work of an intake, due at once. */
    void add(String intakeId, String email, Instant at) {
        db.update("INSERT INTO outbox (intake_id, email, next_attempt_at, created_at) VALUES (?, ?, ?, ?)", intakeId, email, at, at);
    }

    /** Items due now, oldest first. */
    public List<OutboxItem> due(Instant now, int limit) {
        return db.query(limit, "SELECT * FROM outbox WHERE done_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) "
                + "ORDER BY id", OutboxRepository::item, now, now);
    }

    /** The pending item of an intake, if its Zoho work is not done. */
    public Optional<OutboxItem> pendingFor(String intakeId) {
        return db.one("SELECT * FROM outbox WHERE intake_id = ? AND done_at IS NULL", OutboxRepository::item, intakeId);
    }

    /** Whether an older item for the same prospect is still pending: work is done in order per prospect. */
    public boolean hasEarlierPending(String email, long id) {
        return db.one("SELECT COUNT(*) AS n FROM outbox WHERE email = ? AND id < ? AND done_at IS NULL", row -> row.number("n"), email, id)
                .orElse(0L) > 0;
    }

    /** Takes an item for this instance until {@code until}; false when another worker holds it. */
    @Transactional
    public boolean claim(long id, Instant now, Instant until) {
        return db.update("UPDATE outbox SET claimed_until = ? WHERE id = ? AND done_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)",
                until, id, now) == 1;
    }

    /** Makes every pending item due now (Zoho is back after an outage); how many. */
    public int makeDue(Instant now) {
        return db.update("UPDATE outbox SET next_attempt_at = ? WHERE done_at IS NULL AND next_attempt_at > ?", now, now);
    }

    void done(long id, Instant now) {
        db.update("UPDATE outbox SET done_at = ?, claimed_until = NULL WHERE id = ?", now, id);
    }

    void retryLater(long id, OutboxItem.Retry retry) {
        db.update("UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, claimed_until = NULL WHERE id = ?", retry.attempts(),
                retry.nextAttemptAt(), retry.error(), id);
    }

    private static OutboxItem item(Database.Row row) throws SQLException {
        return new OutboxItem(row.number("id"), row.text("intake_id"), row.text("email"), row.integer("attempts"), row.instant("next_attempt_at"),
                row.text("last_error"));
    }
}
