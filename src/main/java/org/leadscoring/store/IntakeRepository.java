package org.leadscoring.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Prospect;

/**
 * Intakes with their idempotency keys, outcomes and answers. Accepting an intake also stores the prospect, their
 * activity and the outbox item, in one transaction; finishing one closes its outbox item in the same transaction.
 */
@ApplicationScoped
public class IntakeRepository {

    private final Database db;
    private final ProspectRepository prospects;
    private final OutboxRepository outbox;

    @Inject
    public IntakeRepository(Database db, ProspectRepository prospects, OutboxRepository outbox) {
        this.db = db;
        this.prospects = prospects;
        this.outbox = outbox;
    }

    /** What an accepted intake writes in one transaction. */
    public record NewIntake(String id, String idempotencyKey, String requestHash, IntakeKind kind, String email, Instant receivedAt,
            Prospect prospect, Activity activity) {
    }

    /** Stores the prospect, their new activity, the intake and its outbox item in one transaction: once this returns, nothing is lost. */
    @Transactional
    public void accept(NewIntake in) {
        prospects.save(in.email(), in.prospect(), in.receivedAt());
        if (in.activity() != null) {
            prospects.addActivity(in.email(), in.activity(), in.id());
        }
        db.update("INSERT INTO intake (id, idempotency_key, request_hash, kind, email, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)", in.id(),
                in.idempotencyKey(), in.requestHash(), in.kind(), in.email(), in.receivedAt(), IntakeStatus.PENDING);
        outbox.add(in.id(), in.email(), in.receivedAt());
    }

    public Optional<StoredIntake> find(String id) {
        return db.one("SELECT * FROM intake WHERE id = ?", IntakeRepository::intake, id);
    }

    public Optional<StoredIntake> findByKey(String key) {
        return db.one("SELECT * FROM intake WHERE idempotency_key = ?", IntakeRepository::intake, key);
    }

    /** Gives an old derived idempotency key up, so the same payload sent again days later is a new intake. */
    @Transactional
    public void retireKey(String intakeId, String key) {
        db.update("UPDATE intake SET idempotency_key = ? WHERE id = ?", key + "#" + intakeId, intakeId);
    }

    /** Records an intake's outcome and answer and closes its outbox item, in one transaction. */
    @Transactional
    public void complete(String intakeId, IntakeStatus status, StoredIntake.Outcome o, String responseJson, long outboxId, Instant now) {
        db.update("UPDATE intake SET status = ?, decision = ?, model = ?, ruleset_version = ?, score_card = ?, reasons = ?, zoho_module = ?, "
                + "zoho_id = ?, zoho_error = ?, response = ?, completed_at = ? WHERE id = ?", status, o.decision(), o.model(), o.rulesetVersion(),
                o.scoreCardJson(), o.reasons(), o.zohoModule(), o.zohoId(), o.zohoError(), responseJson, now, intakeId);
        outbox.done(outboxId);
    }

    /**
     * Records the answer given while the Zoho work waits (status queued; an answer already given stands) and when to
     * try again.
     */
    @Transactional
    public void postpone(String intakeId, StoredIntake.Outcome local, String responseJson, long outboxId, OutboxItem.Retry retry) {
        db.update("UPDATE intake SET status = ?, response = COALESCE(response, ?), decision = COALESCE(decision, ?), "
                + "score_card = COALESCE(score_card, ?), reasons = COALESCE(reasons, ?), zoho_error = ? WHERE id = ?", IntakeStatus.QUEUED,
                responseJson, local.decision(), local.scoreCardJson(), local.reasons(), retry.error(), intakeId);
        outbox.retryLater(outboxId, retry);
    }

    /** Records the "queued" answer of an intake still waiting for its Zoho work; a finished intake keeps its answer. */
    @Transactional
    public void markQueued(String intakeId, StoredIntake.Outcome local, String responseJson) {
        db.update("UPDATE intake SET status = ?, response = ?, decision = ?, score_card = ?, reasons = ? WHERE id = ? AND status = ?",
                IntakeStatus.QUEUED, responseJson, local.decision(), local.scoreCardJson(), local.reasons(), intakeId, IntakeStatus.PENDING);
    }

    private static StoredIntake intake(Database.Row row) throws SQLException {
        return new StoredIntake(row.text("id"), row.text("idempotency_key"), row.text("request_hash"), IntakeKind.stored(row.text("kind")), row.text("email"),
                row.instant("received_at"), row.code("status", IntakeStatus.class),
                new StoredIntake.Outcome(row.text("decision"), row.text("model"), row.text("ruleset_version"), row.text("score_card"),
                        row.text("reasons"), row.text("zoho_module"), row.text("zoho_id"), row.text("zoho_error")),
                row.text("response"), row.instant("completed_at"));
    }
}
