package org.leadscoring.store;

import static org.leadscoring.store.Database.instant;
import static org.leadscoring.store.Database.ts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Prospect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prospects, their activities, intakes and the outbox of Zoho work, in one database. */
@ApplicationScoped
public class IntakeStore {

    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    /** What an accepted intake writes in one transaction. */
    public record NewIntake(String id, String idempotencyKey, String requestHash, String kind, String email, Instant receivedAt,
            Prospect prospect, Activity activity) {
    }

    /** Stores the prospect, their new activity, the intake and its outbox item in one transaction: once this returns, nothing is lost. */
    @Transactional
    public void accept(NewIntake in) {
        try (Connection c = db.connection()) {
            upsertProspect(c, in.email(), write(in.prospect()), in.receivedAt());
            if (in.activity() != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO activity (email, type, occurred_at, properties, intake_id) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, in.email());
                    ps.setString(2, in.activity().type());
                    ps.setTimestamp(3, ts(in.activity().at()));
                    ps.setString(4, in.activity().properties().isEmpty() ? null : write(in.activity().properties()));
                    ps.setString(5, in.id());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO intake (id, idempotency_key, request_hash, kind, email, received_at, status) VALUES (?, ?, ?, ?, ?, ?, 'pending')")) {
                ps.setString(1, in.id());
                ps.setString(2, in.idempotencyKey());
                ps.setString(3, in.requestHash());
                ps.setString(4, in.kind());
                ps.setString(5, in.email());
                ps.setTimestamp(6, ts(in.receivedAt()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO outbox (intake_id, email, next_attempt_at, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, in.id());
                ps.setString(2, in.email());
                ps.setTimestamp(3, ts(in.receivedAt()));
                ps.setTimestamp(4, ts(in.receivedAt()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot store intake " + in.id(), e);
        }
    }

    private void upsertProspect(Connection c, String email, String dataJson, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE prospect SET data = ?, updated_at = ? WHERE email = ?")) {
            ps.setString(1, dataJson);
            ps.setTimestamp(2, ts(now));
            ps.setString(3, email);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO prospect (email, data, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, email);
            ps.setString(2, dataJson);
            ps.setTimestamp(3, ts(now));
            ps.setTimestamp(4, ts(now));
            ps.executeUpdate();
        }
    }

    /** Makes every pending outbox item due now (Zoho is back after an outage); how many. */
    public int makeDue(Instant now) {
        return db.update("UPDATE outbox SET next_attempt_at = ? WHERE done_at IS NULL AND next_attempt_at > ?", ts(now), ts(now));
    }

    /** Gives an old derived idempotency key up, so the same payload sent again days later is a new intake. */
    @Transactional
    public void retireKey(String intakeId, String key) {
        db.update("UPDATE intake SET idempotency_key = ? WHERE id = ?", key + "#" + intakeId, intakeId);
    }

    public Optional<StoredIntake> findByKey(String key) {
        return queryIntake("SELECT * FROM intake WHERE idempotency_key = ?", key);
    }

    public Optional<StoredIntake> find(String id) {
        return queryIntake("SELECT * FROM intake WHERE id = ?", id);
    }

    public Optional<StoredProspect> prospect(String email) {
        return Optional.ofNullable(prospects(List.of(email)).get(email));
    }

    /** Up to {@code limit} stored prospects after {@code after} (null: from the first), in email order: a page of them. */
    public List<StoredProspect> prospectsAfter(String after, int limit) {
        List<StoredProspect> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(after == null
                ? "SELECT * FROM prospect ORDER BY email" : "SELECT * FROM prospect WHERE email > ? ORDER BY email")) {
            if (after != null) {
                ps.setString(1, after);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(storedProspect(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read prospects", e);
        }
        return out;
    }

    /** The stored prospects among these emails, by email: one query for a whole page of leads. */
    public Map<String, StoredProspect> prospects(java.util.Collection<String> emails) {
        Map<String, StoredProspect> out = new java.util.HashMap<>();
        if (emails.isEmpty()) {
            return out;
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM prospect WHERE email IN (" + marks(emails.size()) + ")")) {
            bind(ps, emails);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString("email"), storedProspect(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read prospects", e);
        }
        return out;
    }

    private StoredProspect storedProspect(ResultSet rs) throws SQLException {
        return new StoredProspect(rs.getString("email"), readProspect(rs.getString("data")), rs.getString("zoho_module"),
                rs.getString("zoho_id"), rs.getBoolean("qualified"), rs.getBoolean("armed"), rs.getString("converted_lead"),
                readWritten(rs.getString("zoho_written")));
    }

    /** The stored activities of these prospects, by email, each list oldest first: one query for a whole page of leads. */
    public Map<String, List<Activity>> activities(java.util.Collection<String> emails) {
        Map<String, List<Activity>> out = new java.util.HashMap<>();
        if (emails.isEmpty()) {
            return out;
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT email, type, occurred_at, properties FROM activity "
                + "WHERE email IN (" + marks(emails.size()) + ") ORDER BY occurred_at, id")) {
            bind(ps, emails);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String props = rs.getString("properties");
                    out.computeIfAbsent(rs.getString("email"), k -> new ArrayList<>()).add(new Activity(rs.getString("type"),
                            instant(rs.getTimestamp("occurred_at")), props == null ? Map.of() : read(props), 0));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read activities", e);
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement ps, java.util.Collection<String> values) throws SQLException {
        int i = 1;
        for (String v : values) {
            ps.setString(i++, v);
        }
    }

    /** Every stored activity of a prospect, oldest first. */
    public List<Activity> activities(String email) {
        return activities(List.of(email)).getOrDefault(email, List.of());
    }

    /** The outcome of an intake's Zoho work, with the prospect's new Zoho identity and qualification state. */
    public record Completion(String intakeId, String status, String decision, String model, String rulesetVersion, String scoreCardJson,
            String reasons, String zohoModule, String zohoId, String zohoError, String responseJson) {
    }

    /** Records an intake's outcome and closes its outbox item, in one transaction. */
    @Transactional
    public void complete(Completion done, long outboxId, Instant now) {
        db.update("UPDATE intake SET status = ?, decision = ?, model = ?, ruleset_version = ?, score_card = ?, reasons = ?, zoho_module = ?, "
                + "zoho_id = ?, zoho_error = ?, response = ?, completed_at = ? WHERE id = ?", done.status(), done.decision(), done.model(),
                done.rulesetVersion(), done.scoreCardJson(), done.reasons(), done.zohoModule(), done.zohoId(), done.zohoError(),
                done.responseJson(), ts(now), done.intakeId());
        db.update("UPDATE outbox SET done_at = ?, claimed_until = NULL WHERE id = ?", ts(now), outboxId);
    }

    /** Records the answer given while the Zoho work waits (status queued) and when to try again. */
    @Transactional
    public void postpone(String intakeId, String responseJson, String decision, String scoreCardJson, String reasons, long outboxId,
            int attempts, Instant nextAttempt, String error) {
        db.update("UPDATE intake SET status = 'queued', response = COALESCE(response, ?), decision = COALESCE(decision, ?), "
                + "score_card = COALESCE(score_card, ?), reasons = COALESCE(reasons, ?), zoho_error = ? WHERE id = ?",
                responseJson, decision, scoreCardJson, reasons, error, intakeId);
        db.update("UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, claimed_until = NULL WHERE id = ?",
                attempts, ts(nextAttempt), error, outboxId);
    }

    /**
     * Where a prospect stands after the service acted on them: their Zoho record (null keeps the one known), whether
     * they are qualified and armed for a new qualification, and the Lead converted into them (null keeps the one known).
     */
    public record Standing(String email, String zohoModule, String zohoId, boolean qualified, boolean armed, String convertedLead) {
    }

    public void recordStanding(Standing s, Instant now) {
        db.update("UPDATE prospect SET zoho_module = COALESCE(?, zoho_module), zoho_id = COALESCE(?, zoho_id), qualified = ?, armed = ?, "
                + "converted_lead = COALESCE(?, converted_lead), updated_at = ? WHERE email = ?", s.zohoModule(), s.zohoId(),
                s.qualified(), s.armed(), s.convertedLead(), ts(now), s.email());
    }

    /** Replaces the prospect fields the service remembers having written to the person's record (field to value as compared). */
    public void recordWritten(String email, Map<String, String> written) {
        db.update("UPDATE prospect SET zoho_written = ? WHERE email = ?", write(new java.util.TreeMap<>(written)), email);
    }

    /** Records the "queued" answer of an intake still waiting for its Zoho work; a finished intake keeps its answer. */
    @Transactional
    public void markQueued(String intakeId, String responseJson, String decision, String scoreCardJson, String reasons) {
        db.update("UPDATE intake SET status = 'queued', response = ?, decision = ?, score_card = ?, reasons = ? WHERE id = ? AND status = 'pending'",
                responseJson, decision, scoreCardJson, reasons, intakeId);
    }

    /** Outbox items due now, oldest first. */
    public List<OutboxItem> due(Instant now, int limit) {
        List<OutboxItem> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM outbox WHERE done_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id")) {
            ps.setTimestamp(1, ts(now));
            ps.setTimestamp(2, ts(now));
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(outboxItem(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the outbox", e);
        }
        return out;
    }

    /** The pending outbox item of an intake, if its Zoho work is not done. */
    public Optional<OutboxItem> pendingFor(String intakeId) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM outbox WHERE intake_id = ? AND done_at IS NULL")) {
            ps.setString(1, intakeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(outboxItem(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the outbox", e);
        }
    }

    /** Whether an older item for the same prospect is still pending: work is done in order per prospect. */
    public boolean hasEarlierPending(String email, long id) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE email = ? AND id < ? AND done_at IS NULL")) {
            ps.setString(1, email);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the outbox", e);
        }
    }

    /** Takes an item for this instance until {@code until}; false when another worker holds it. */
    @Transactional
    public boolean claim(long id, Instant now, Instant until) {
        return db.update("UPDATE outbox SET claimed_until = ? WHERE id = ? AND done_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)",
                ts(until), id, ts(now)) == 1;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static OutboxItem outboxItem(ResultSet rs) throws SQLException {
        return new OutboxItem(rs.getLong("id"), rs.getString("intake_id"), rs.getString("email"), rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"));
    }

    private Optional<StoredIntake> queryIntake(String sql, String arg) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredIntake(rs.getString("id"), rs.getString("idempotency_key"), rs.getString("kind"),
                        rs.getString("email"), instant(rs.getTimestamp("received_at")), rs.getString("status"), rs.getString("decision"),
                        rs.getString("model"), rs.getString("ruleset_version"), rs.getString("score_card"), rs.getString("reasons"),
                        rs.getString("zoho_module"), rs.getString("zoho_id"), rs.getString("zoho_error"), rs.getString("response"),
                        instant(rs.getTimestamp("completed_at")), rs.getString("request_hash")));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read intake", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Prospect readProspect(String text) {
        try {
            return json.readValue(text, Prospect.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored prospect is unreadable", e);
        }
    }

    private Map<String, String> readWritten(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A prospect's written fields are unreadable", e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
