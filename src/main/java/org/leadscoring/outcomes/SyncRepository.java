package org.leadscoring.outcomes;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.jobs.RunState;
import org.leadscoring.store.Database;

/** The outcome syncs with their checkpoints. */
@ApplicationScoped
public class SyncRepository {

    private final Database db;

    @Inject
    SyncRepository(Database db) {
        this.db = db;
    }

    void create(OutcomeSyncRecord s) {
        db.update("INSERT INTO outcome_sync (id, state, trigger_kind, since, module, after_id, message, started_at, chain_started_at, updated_at) "
                + "VALUES (?, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ?, ?, ?, ?, ?, ?)", s.id(), s.state(), s.trigger(), s.since(), s.module(),
                s.afterId(), s.message(), s.startedAt(), s.chainStartedAt(), s.updatedAt());
    }

    /** Saves where a sync is and what it counted so far. */
    void checkpoint(OutcomeSyncRecord s) {
        db.update("UPDATE outcome_sync SET module = ?, after_id = ?, calls = ?, credits = ?, leads = ?, contacts = ?, deals = ?, updated_at = ? "
                + "WHERE id = ?", s.module(), s.afterId(), s.calls(), s.credits(), s.leads(), s.contacts(), s.deals(), Instant.now(), s.id());
    }

    void finish(String id, RunState state, String message) {
        Instant now = Instant.now();
        db.update("UPDATE outcome_sync SET state = ?, message = ?, updated_at = ?, finished_at = ? WHERE id = ?", state, message, now, now, id);
    }

    public Optional<OutcomeSyncRecord> find(String id) {
        return db.one("SELECT * FROM outcome_sync WHERE id = ?", SyncRepository::sync, id);
    }

    public List<OutcomeSyncRecord> latest(int limit) {
        return db.query(limit, "SELECT * FROM outcome_sync ORDER BY started_at DESC, id DESC", SyncRepository::sync);
    }

    Optional<OutcomeSyncRecord> running() {
        return db.one("SELECT * FROM outcome_sync WHERE state = ? ORDER BY started_at DESC", SyncRepository::sync, RunState.RUNNING);
    }

    /** The newest sync that read everything it set out to: what the next sync reads modifications from. */
    Optional<OutcomeSyncRecord> lastCompleted() {
        return db.one("SELECT * FROM outcome_sync WHERE state = ? ORDER BY started_at DESC", SyncRepository::sync, RunState.COMPLETED);
    }

    private static OutcomeSyncRecord sync(Database.Row row) throws SQLException {
        return new OutcomeSyncRecord(row.text("id"), row.code("state", RunState.class), row.text("trigger_kind"), row.instant("since"),
                row.text("module"), row.text("after_id"), row.number("calls"), row.number("credits"), row.integer("leads"), row.integer("contacts"),
                row.integer("deals"), row.text("message"), row.instant("started_at"), row.instant("chain_started_at"), row.instant("updated_at"),
                row.instant("finished_at"));
    }
}
