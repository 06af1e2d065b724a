package org.leadscoring.history;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.crm.HookPayload;
import org.leadscoring.crm.ProspectReport;
import org.leadscoring.scoring.Contribution;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.store.Database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each score the service gave a prospect it took in, on every path that carries out a decision (an intake, a re-scoring
 * run's write), kept only when it changed: its scores, grade, qualification or treatment (Lead, Contact, rejected) differ
 * from the prospect's latest entry. Entries older than {@code leadscoring.history.retention} are forgotten.
 */
@ApplicationScoped
public class ScoreHistory {

    private static final TypeReference<List<Contribution>> CONTRIBUTIONS = new TypeReference<>() {
    };

    private final Database db;
    private final ObjectMapper json;

    @Inject
    public ScoreHistory(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * One score given: when (the scoring moment), what gave it ({@code source} {@code intake} with its {@code intakeId},
     * or {@code rescoring} with its {@code rescoringRun}), the model and rule set version (and the workbench version
     * that published it, when one did), the scores and the decision, the contributions, and where the person was in Zoho.
     */
    public record Entry(String email, Instant scoredAt, String source, String intakeId, String rescoringRun, String model,
            String rulesetVersion, Integer workbenchVersion, Integer fit, Integer engagement, Integer total, String grade, boolean qualified,
            String decision, String reasons, List<Contribution> contributions, String zohoModule, String zohoId, boolean shadow) {

        /** The entry for a decision carried out: the person's report (where they now are) and the score card behind it. */
        public static Entry of(ProspectReport report, ScoringResult result, HookPayload.Origin origin) {
            ScoreCard card = result.scoreCard();
            return new Entry(report.email(), card.scoredAt(), origin.source(), origin.intakeId(), origin.rescoringRun(), result.model(),
                    result.rulesetVersion(), null, card.fit(), card.engagement(), card.total(), card.grade(), card.qualified(),
                    report.decision(), report.reasons(), card.contributions(), report.zohoModule(), report.zohoId(), false);
        }

        /**
         * The entry for a challenger's score in shadow of that decision: what the challenger gave and would have decided
         * (nothing of it was carried out), beside where the person is.
         */
        public static Entry shadow(ProspectReport report, ScoringResult challenger, HookPayload.Origin origin) {
            ScoreCard card = challenger.scoreCard();
            return new Entry(report.email(), card.scoredAt(), origin.source(), origin.intakeId(), origin.rescoringRun(), challenger.model(),
                    challenger.rulesetVersion(), null, card.fit(), card.engagement(), card.total(), card.grade(), card.qualified(),
                    challenger.decision().action().jsonName(), String.join("; ", challenger.decision().reasons()), card.contributions(),
                    report.zohoModule(), report.zohoId(), true);
        }

        /** Which line of entries this one follows: the decisions' own, or one challenger's in shadow. */
        String line() {
            return shadow ? email + "\u0000" + model : email;
        }

        /**
         * Whether this entry says something {@code latest} did not: another score, grade or qualification, or another
         * treatment (a Lead, a Contact, rejected: a Lead created and then updated with the same score is not news).
         */
        boolean differsFrom(Entry latest) {
            return latest == null || !Objects.equals(fit, latest.fit) || !Objects.equals(engagement, latest.engagement)
                    || !Objects.equals(total, latest.total) || !Objects.equals(grade, latest.grade) || qualified != latest.qualified
                    || !DecisionAction.parse(decision).treatment().equals(DecisionAction.parse(latest.decision).treatment());
        }
    }

    /** An entry added, with the prospect's entry before it (null: their first score). */
    public record Added(Entry entry, Entry previous) {

        /** Whether the score or the grade moved from the one before (a first score is not a change). */
        public boolean scoreOrGradeChanged() {
            return previous != null && (!Objects.equals(entry.total, previous.total) || !Objects.equals(entry.grade, previous.grade));
        }
    }

    /**
     * Adds those of {@code entries} that changed something for their prospect (in the caller's transaction); answers
     * them, each with the entry before it. A challenger's entries in shadow are compared with that challenger's latest,
     * the decisions' own with the decisions' latest.
     */
    public List<Added> addChanged(Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<String> emails = entries.stream().map(Entry::email).distinct().toList();
        Map<String, Entry> latest = latest(emails, entries.stream().anyMatch(Entry::shadow));
        List<Object[]> rows = new ArrayList<>();
        List<Added> added = new ArrayList<>();
        for (Entry e : entries) {
            Entry before = latest.get(e.line());
            if (e.differsFrom(before)) {
                added.add(new Added(e, before));
                latest.put(e.line(), e);
                rows.add(new Object[] { e.email(), e.scoredAt(), e.source(), e.intakeId(), e.rescoringRun(), e.model(), e.rulesetVersion(),
                        Database.integer(e.fit()), Database.integer(e.engagement()), Database.integer(e.total()), e.grade(), e.qualified(),
                        e.decision(), e.reasons(), write(e.contributions()), e.zohoModule(), e.zohoId(), e.shadow() });
            }
        }
        db.batch("INSERT INTO score_history (email, scored_at, source, intake_id, rescoring_run, model, ruleset_version, fit, engagement, total, "
                + "grade, qualified, decision, reasons, contributions, zoho_module, zoho_id, shadow) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        return added;
    }

    /** A prospect's entries, newest first, at most {@code limit}: with the challengers' in shadow, or only the decisions' own. */
    public List<Entry> of(String email, int limit, boolean withShadow) {
        return db.query(limit, SELECT + "WHERE h.email = ?" + (withShadow ? "" : " AND NOT h.shadow") + " ORDER BY h.id DESC", this::entry, email);
    }

    /**
     * Each prospect's entry at the moment that counts for calibration: the first that had them qualified, else their
     * first (their creation); only those of {@code model}, scored in [{@code from}, {@code to}) and by
     * {@code rulesetVersion} when given (null: any). The decisions' own entries: a challenger's are its {@link #shadowMoments}.
     */
    public List<Entry> moments(String model, Instant from, Instant to, String rulesetVersion) {
        return moments(false, model, from, to, rulesetVersion);
    }

    /** The same moments as the challenger {@code model} would have given them, from its entries in shadow. */
    public List<Entry> shadowMoments(String model, Instant from, Instant to) {
        return moments(true, Objects.requireNonNull(model), from, to, null);
    }

    private List<Entry> moments(boolean shadow, String model, Instant from, Instant to, String rulesetVersion) {
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE h.id IN (SELECT COALESCE(MIN(CASE WHEN q.qualified THEN q.id END), MIN(q.id)) "
                + "FROM score_history q WHERE q.shadow = ? GROUP BY q.email" + (shadow ? ", q.model)" : ")"));
        List<Object> args = new ArrayList<>();
        args.add(shadow);
        if (model != null) {
            sql.append(" AND h.model = ?");
            args.add(model);
        }
        if (from != null) {
            sql.append(" AND h.scored_at >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" AND h.scored_at < ?");
            args.add(to);
        }
        if (rulesetVersion != null) {
            sql.append(" AND h.ruleset_version = ?");
            args.add(rulesetVersion);
        }
        return db.query(sql.append(" ORDER BY h.id").toString(), this::entry, args.toArray());
    }

    /** Forgets the entries scored before {@code cutoff}; answers how many. */
    public int forgetBefore(Instant cutoff) {
        return db.update("DELETE FROM score_history WHERE scored_at < ?", cutoff);
    }

    private static final String SELECT = "SELECT h.*, (SELECT MAX(v.number) FROM rules_version v WHERE v.ruleset_version = h.ruleset_version) "
            + "AS workbench_version FROM score_history h ";

    /**
     * The latest entry of each of these prospects' lines ({@link Entry#line}): the decisions' own, and with
     * {@code shadow} each challenger's too, in one query.
     */
    private Map<String, Entry> latest(List<String> emails, boolean shadow) {
        String lines = shadow ? "GROUP BY l.email, l.shadow, CASE WHEN l.shadow THEN l.model ELSE '' END)" : "AND NOT l.shadow GROUP BY l.email)";
        Map<String, Entry> out = new HashMap<>();
        for (int from = 0; from < emails.size(); from += 500) {
            List<String> some = emails.subList(from, Math.min(emails.size(), from + 500));
            db.query(SELECT + "WHERE h.id IN (SELECT MAX(l.id) FROM score_history l WHERE l.email IN (" + Database.marks(some.size()) + ") " + lines,
                    this::entry, some.toArray()).forEach(e -> out.put(e.line(), e));
        }
        return out;
    }

    private Entry entry(Database.Row row) throws SQLException {
        return new Entry(row.text("email"), row.instant("scored_at"), row.text("source"), row.text("intake_id"), row.text("rescoring_run"),
                row.text("model"), row.text("ruleset_version"), row.nullableInteger("workbench_version"), row.nullableInteger("fit"),
                row.nullableInteger("engagement"), row.nullableInteger("total"), row.text("grade"), row.bool("qualified"), row.text("decision"),
                row.text("reasons"), read(row.text("contributions")), row.text("zoho_module"), row.text("zoho_id"), row.bool("shadow"));
    }

    private String write(List<Contribution> contributions) {
        try {
            return json.writeValueAsString(contributions);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<Contribution> read(String text) {
        try {
            return json.readValue(text, CONTRIBUTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored score history entry is unreadable", e);
        }
    }
}
