package org.leadscoring.rescoring;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.leadscoring.crm.CrmRecord;
import org.leadscoring.jobs.RunState;
import org.leadscoring.store.Database;

/** Re-scoring runs with their checkpoints, and each Lead's outcome per chain of runs. */
@ApplicationScoped
public class RunRepository {

    private final Database db;
    private final LeadSnapshots snapshots;

    @Inject
    RunRepository(Database db, LeadSnapshots snapshots) {
        this.db = db;
        this.snapshots = snapshots;
    }

    @Transactional
    public void create(RescoringRun r) {
        RescoringRun.Settings s = r.settings();
        RescoringRun.Checkpoint at = r.checkpoint();
        RescoringRun.Scope scope = r.scope();
        db.update("INSERT INTO rescoring_run (id, chain_id, state, phase, dry_run, model, ruleset_version, scoring_now, trigger_kind, mode, "
                + "mode_reason, modified_since, reader, cursor_page, cursor_token, cursor_after_id, started_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ?, ?, ?, ?, ?, ?)", r.id(), r.chainId(), r.state(),
                r.phase(), s.dryRun(), s.model(), r.rulesetVersion(), s.scoringNow(), s.trigger(), scope.mode(), scope.modeReason(),
                scope.modifiedSince(), at.reader(), at.cursorPage(), at.cursorToken(), at.cursorAfterId(), r.timing().startedAt(),
                r.timing().startedAt());
    }

    public Optional<RescoringRun> find(String id) {
        return db.one("SELECT * FROM rescoring_run WHERE id = ?", RunRepository::run, id);
    }

    public List<RescoringRun> latest(int limit) {
        return db.query(limit, "SELECT * FROM rescoring_run ORDER BY started_at DESC", RunRepository::run);
    }

    public List<RescoringRun> inState(RunState state) {
        return db.query(100, "SELECT * FROM rescoring_run WHERE state = ? ORDER BY started_at", RunRepository::run, state);
    }

    /** The newest run that stopped at its credit budget or on a Zoho failure, and whose chain has not gone on since. */
    public Optional<RescoringRun> resumable() {
        return db.one("SELECT * FROM rescoring_run r WHERE r.state IN (?, ?) AND NOT EXISTS ("
                + "SELECT 1 FROM rescoring_run n WHERE n.chain_id = r.chain_id AND n.started_at > r.started_at) ORDER BY r.started_at DESC",
                RunRepository::run, RunState.STOPPED_BUDGET, RunState.INTERRUPTED);
    }

    /**
     * The newest run of {@code model} (null: the default) that completed, of the given mode (null: either), not dry:
     * what decides whether the next run can be incremental, and from when.
     */
    public Optional<RescoringRun> lastCompleted(String model, RunMode mode) {
        return db.one("SELECT * FROM rescoring_run WHERE state = ? AND dry_run = FALSE AND " + (model == null ? "model IS NULL" : "model = ?")
                + (mode == null ? "" : " AND mode = ?") + " ORDER BY started_at DESC", RunRepository::run,
                java.util.stream.Stream.of(RunState.COMPLETED, model, mode).filter(java.util.Objects::nonNull).toArray());
    }

    /**
     * Saves progress after a page: the next cursor and the counts so far, each Lead's outcome, the Leads as read (with
     * what was written to them), and forgets the Leads found converted, in one transaction.
     */
    @Transactional
    public void checkpoint(RescoringRun r, List<LeadOutcome> outcomes, Collection<CrmRecord> read, List<String> convertedIds) {
        snapshots.save(read, Instant.now());
        snapshots.remove(convertedIds);
        checkpoint(r, outcomes);
    }

    /** Saves progress after a page: the next cursor and the counts so far, with each Lead's outcome, in one transaction. */
    @Transactional
    public void checkpoint(RescoringRun r, List<LeadOutcome> outcomes) {
        db.batch("INSERT INTO rescoring_lead (chain_id, lead_id, run_id, outcome, email, old_score, new_score, error, conversion) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", outcomes.stream().map(o -> new Object[] { r.chainId(), o.leadId(), r.id(), o.outcome(),
                        o.email(), Database.integer(o.oldScore()), Database.integer(o.newScore()), o.error(), o.conversionJson() }).toList());
        save(r);
    }

    @Transactional
    public void save(RescoringRun r) {
        RescoringRun.Checkpoint at = r.checkpoint();
        RescoringRun.Counts n = r.counts();
        RescoringRun.Cost cost = r.cost();
        db.update("UPDATE rescoring_run SET state = ?, phase = ?, reader = ?, cursor_page = ?, cursor_token = ?, cursor_after_id = ?, pages_done = ?, "
                + "total = ?, candidates = ?, scanned = ?, unchanged = ?, changed = ?, converted = ?, failed = ?, calls = ?, credits = ?, read_credits = ?, "
                + "write_credits = ?, message = ?, ruleset_version = ?, updated_at = ?, finished_at = CAST(? AS TIMESTAMP WITH TIME ZONE) WHERE id = ?",
                r.state(), r.phase(), at.reader(), at.cursorPage(), at.cursorToken(), at.cursorAfterId(), at.pagesDone(), Database.integer(n.total()),
                Database.integer(n.candidates()), n.scanned(), n.unchanged(), n.changed(), n.converted(), n.failed(), cost.calls(), cost.credits(), cost.readCredits(),
                cost.writeCredits(), r.message(), r.rulesetVersion(), Instant.now(), r.timing().finishedAt(), r.id());
    }

    /** Changes one Lead's outcome (to_convert → converted, failed …). */
    @Transactional
    public void setOutcome(String chainId, String leadId, String runId, LeadOutcome.Kind outcome, String error) {
        db.update("UPDATE rescoring_lead SET outcome = ?, run_id = ?, error = ? WHERE chain_id = ? AND lead_id = ?", outcome, runId, error, chainId,
                leadId);
    }

    /**
     * Which of {@code leadIds} this chain has handled. Reads the chain's outcomes between the smallest and largest
     * id: a range of the primary key, where an {@code IN} list of a page's ids made H2 test every row of the chain
     * against every id (a run of 100,000 leads slowed down page by page).
     */
    public Set<String> handled(String chainId, List<String> leadIds) {
        if (leadIds.isEmpty()) {
            return Set.of();
        }
        Set<String> wanted = new HashSet<>(leadIds);
        Set<String> out = new HashSet<>();
        db.query("SELECT lead_id FROM rescoring_lead WHERE chain_id = ? AND lead_id BETWEEN ? AND ?", row -> row.text("lead_id"), chainId,
                Collections.min(leadIds), Collections.max(leadIds)).stream().filter(wanted::contains).forEach(out::add);
        return out;
    }

    public List<LeadOutcome> outcomes(String chainId, LeadOutcome.Kind outcome, int limit) {
        return db.query(limit, "SELECT * FROM rescoring_lead WHERE chain_id = ? AND outcome = ? ORDER BY lead_id",
                row -> new LeadOutcome(row.text("lead_id"), row.text("email"), row.code("outcome", LeadOutcome.Kind.class),
                        row.nullableInteger("old_score"), row.nullableInteger("new_score"), row.text("error"), row.text("conversion")),
                chainId, outcome);
    }

    /** Notes which instance runs a run, and the scheduled firing it answers (null when started otherwise). */
    @Transactional
    public void assign(String runId, String instance, Instant scheduledFor) {
        db.update("UPDATE rescoring_run SET instance = ?, scheduled_for = CAST(? AS TIMESTAMP WITH TIME ZONE) WHERE id = ?", instance,
                scheduledFor, runId);
    }

    private static RescoringRun run(Database.Row row) throws SQLException {
        return new RescoringRun(row.text("id"), row.text("chain_id"), row.code("state", RunState.class), row.code("phase", RunPhase.class),
                new RescoringRun.Settings(row.bool("dry_run"), row.text("model"), row.instant("scoring_now"), row.text("trigger_kind")),
                new RescoringRun.Scope(row.code("mode", RunMode.class), row.text("mode_reason"), row.instant("modified_since")),
                row.text("ruleset_version"),
                new RescoringRun.Checkpoint(row.code("reader", RunReader.class), row.integer("cursor_page"), row.text("cursor_token"),
                        row.text("cursor_after_id"), row.integer("pages_done")),
                new RescoringRun.Counts(row.nullableInteger("total"), row.nullableInteger("candidates"), row.integer("scanned"), row.integer("unchanged"), row.integer("changed"),
                        row.integer("converted"), row.integer("failed")),
                new RescoringRun.Cost(row.number("calls"), row.number("credits"), row.number("read_credits"), row.number("write_credits")),
                row.text("message"), new RescoringRun.Timing(row.instant("started_at"), row.instant("updated_at"), row.instant("finished_at")));
    }
}
