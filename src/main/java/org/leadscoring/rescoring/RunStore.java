package org.leadscoring.rescoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.leadscoring.store.Database;
import org.leadscoring.store.StoreException;

/** Re-scoring runs, their checkpoints, each lead's outcome per run chain, and the lease that keeps runs one at a time. */
@ApplicationScoped
public class RunStore {

    @Inject
    Database db;

    /**
     * One lead's outcome in a run; {@code conversionJson} is what to record once a lead to convert is converted
     * (a {@link org.leadscoring.crm.PendingConversion}), else null.
     */
    public record LeadOutcome(String leadId, String email, String outcome, Integer oldScore, Integer newScore, String error,
            @com.fasterxml.jackson.annotation.JsonIgnore String conversionJson) {

        LeadOutcome(String leadId, String email, String outcome, Integer oldScore, Integer newScore, String error) {
            this(leadId, email, outcome, oldScore, newScore, error, null);
        }
    }

    @Transactional
    public void create(RescoringRun r) {
        db.update("INSERT INTO rescoring_run (id, chain_id, state, phase, dry_run, model, ruleset_version, scoring_now, trigger_kind, cursor_page, "
                + "cursor_token, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.chainId(), r.state(), r.phase(),
                r.dryRun(), r.model(), r.rulesetVersion(), ts(r.scoringNow()), r.trigger(), r.cursorPage(), r.cursorToken(), ts(r.startedAt()),
                ts(r.startedAt()));
    }

    public Optional<RescoringRun> find(String id) {
        List<RescoringRun> runs = query("SELECT * FROM rescoring_run WHERE id = ?", 1, id);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    public List<RescoringRun> latest(int limit) {
        return query("SELECT * FROM rescoring_run ORDER BY started_at DESC", limit);
    }

    public List<RescoringRun> inState(String state) {
        return query("SELECT * FROM rescoring_run WHERE state = ? ORDER BY started_at", 100, state);
    }

    /** The newest run that stopped at its credit budget or on a Zoho failure, and whose chain has not gone on since. */
    public Optional<RescoringRun> resumable() {
        List<RescoringRun> runs = query("SELECT * FROM rescoring_run r WHERE r.state IN ('stopped_budget', 'interrupted') AND NOT EXISTS ("
                + "SELECT 1 FROM rescoring_run n WHERE n.chain_id = r.chain_id AND n.started_at > r.started_at) ORDER BY r.started_at DESC", 1);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** Saves progress after a page: the next cursor and the counts so far, with each lead's outcome, in one transaction. */
    @Transactional
    public void checkpoint(RescoringRun r, List<LeadOutcome> outcomes) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO rescoring_lead (chain_id, lead_id, run_id, outcome, email, old_score, new_score, error, conversion) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LeadOutcome o : outcomes) {
                ps.setString(1, r.chainId());
                ps.setString(2, o.leadId());
                ps.setString(3, r.id());
                ps.setString(4, o.outcome());
                ps.setString(5, o.email());
                setInt(ps, 6, o.oldScore());
                setInt(ps, 7, o.newScore());
                ps.setString(8, o.error());
                ps.setString(9, o.conversionJson());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("Cannot record lead outcomes", e);
        }
        save(r);
    }

    @Transactional
    public void save(RescoringRun r) {
        db.update("UPDATE rescoring_run SET state = ?, phase = ?, cursor_page = ?, cursor_token = ?, pages_done = ?, total = CAST(? AS INTEGER), scanned = ?, unchanged = ?, "
                + "changed = ?, converted = ?, failed = ?, calls = ?, credits = ?, message = ?, ruleset_version = ?, updated_at = ?, finished_at = CAST(? AS TIMESTAMP WITH TIME ZONE) "
                + "WHERE id = ?", r.state(), r.phase(), r.cursorPage(), r.cursorToken(), r.pagesDone(), r.total() == null ? null : r.total().toString(), r.scanned(), r.unchanged(), r.changed(),
                r.converted(), r.failed(), r.calls(), r.credits(), r.message(), r.rulesetVersion(), ts(Instant.now()), ts(r.finishedAt()), r.id());
    }

    /** Changes one lead's outcome (to_convert → converted, failed …). */
    @Transactional
    public void setOutcome(String chainId, String leadId, String runId, String outcome, String error) {
        db.update("UPDATE rescoring_lead SET outcome = ?, run_id = ?, error = ? WHERE chain_id = ? AND lead_id = ?", outcome, runId, error, chainId, leadId);
    }

    /** Lead ids of the chain already handled: a lead is written at most once per chain of runs. */
    /**
     * Which of {@code leadIds} this chain has handled. Reads the chain's outcomes between the smallest and largest
     * id: a range of the primary key, where an {@code IN} list of a page's ids made H2 test every row of the chain
     * against every id (a run of 100,000 leads slowed down page by page).
     */
    public java.util.Set<String> handled(String chainId, List<String> leadIds) {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (leadIds.isEmpty()) {
            return out;
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(leadIds);
        String lowest = java.util.Collections.min(leadIds);
        String highest = java.util.Collections.max(leadIds);
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT lead_id FROM rescoring_lead WHERE chain_id = ? AND lead_id BETWEEN ? AND ?")) {
            ps.setString(1, chainId);
            ps.setString(2, lowest);
            ps.setString(3, highest);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (wanted.contains(id)) {
                        out.add(id);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read lead outcomes", e);
        }
        return out;
    }

    public List<LeadOutcome> outcomes(String chainId, String outcome, int limit) {
        List<LeadOutcome> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM rescoring_lead WHERE chain_id = ? AND outcome = ? ORDER BY lead_id")) {
            ps.setString(1, chainId);
            ps.setString(2, outcome);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LeadOutcome(rs.getString("lead_id"), rs.getString("email"), rs.getString("outcome"),
                            (Integer) rs.getObject("old_score"), (Integer) rs.getObject("new_score"), rs.getString("error"),
                            rs.getString("conversion")));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read lead outcomes", e);
        }
        return out;
    }

    /** Takes the run lease for {@code holder} until {@code until}; false when another holder has an unexpired lease. */
    @Transactional
    public boolean lease(String holder, Instant now, Instant until) {
        return db.update("UPDATE rescoring_lock SET holder = ?, expires_at = ? WHERE name = 'rescoring' AND (holder IS NULL OR holder = ? OR expires_at < ?)",
                holder, ts(until), holder, ts(now)) == 1;
    }

    /**
     * Claims a scheduled firing for this instance: true for the first instance to claim it, false for every other
     * instance whose scheduler fired at the same time.
     */
    @Transactional
    public boolean claimFire(Instant fire) {
        return db.update("UPDATE rescoring_lock SET last_fire = ? WHERE name = 'rescoring' AND (last_fire IS NULL OR last_fire < ?)",
                ts(fire), ts(fire)) == 1;
    }

    /** Notes which instance runs a run, and the scheduled firing it answers (null when started otherwise). */
    @Transactional
    public void assign(String runId, String instance, Instant scheduledFor) {
        db.update("UPDATE rescoring_run SET instance = ?, scheduled_for = CAST(? AS TIMESTAMP WITH TIME ZONE) WHERE id = ?", instance,
                ts(scheduledFor), runId);
    }

    @Transactional
    public void release(String holder) {
        db.update("UPDATE rescoring_lock SET holder = NULL, expires_at = NULL WHERE name = 'rescoring' AND holder = ?", holder);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private List<RescoringRun> query(String sql, int limit, Object... args) {
        List<RescoringRun> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RescoringRun(rs.getString("id"), rs.getString("chain_id"), rs.getString("state"), rs.getString("phase"),
                            rs.getBoolean("dry_run"), rs.getString("model"), rs.getString("ruleset_version"), instant(rs.getTimestamp("scoring_now")),
                            rs.getString("trigger_kind"), rs.getInt("cursor_page"), rs.getString("cursor_token"), rs.getInt("pages_done"),
                            (Integer) rs.getObject("total"),
                            rs.getInt("scanned"), rs.getInt("unchanged"), rs.getInt("changed"), rs.getInt("converted"), rs.getInt("failed"),
                            rs.getLong("calls"), rs.getLong("credits"), rs.getString("message"), instant(rs.getTimestamp("started_at")),
                            instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("finished_at"))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read re-scoring runs", e);
        }
        return out;
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
