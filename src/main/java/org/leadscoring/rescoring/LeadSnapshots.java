package org.leadscoring.rescoring;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.crm.CrmRecord;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.store.Database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields of each open Lead as re-scoring last read them, with the score fields it wrote since: what an incremental
 * run scores a Lead from when Zoho has not modified it.
 */
@ApplicationScoped
public class LeadSnapshots {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final Database db;
    private final ObjectMapper json;

    @Inject
    LeadSnapshots(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Replaces the snapshots of these Leads (in the caller's transaction). */
    void save(Collection<CrmRecord> leads, Instant readAt) {
        if (leads.isEmpty()) {
            return;
        }
        // One statement per Lead, a key lookup each (standard MERGE: H2 and PostgreSQL 15 both take it).
        db.batch("MERGE INTO rescoring_snapshot s USING (VALUES (CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(254)), CAST(? AS TEXT), "
                + "CAST(? AS TIMESTAMP WITH TIME ZONE))) AS v (lead_id, email, fields, read_at) ON s.lead_id = v.lead_id "
                + "WHEN MATCHED THEN UPDATE SET email = v.email, fields = v.fields, read_at = v.read_at "
                + "WHEN NOT MATCHED THEN INSERT (lead_id, email, fields, read_at) VALUES (v.lead_id, v.email, v.fields, v.read_at)",
                leads.stream().map(l -> new Object[] { l.id(), l.emailKey(), write(l.fields()), readAt }).toList());
    }

    /**
     * Forgets Leads that are no longer open (converted, deleted). One statement per id, batched: a key lookup each,
     * where an {@code IN} list of a page's ids made H2 compare every stored Lead with every id.
     */
    void remove(List<String> leadIds) {
        db.batch("DELETE FROM rescoring_snapshot WHERE lead_id = ?", leadIds.stream().map(id -> new Object[] { id }).toList());
    }

    /** How many open Leads are stored: those the last runs read and found open. */
    long count() {
        return db.one("SELECT COUNT(*) AS n FROM rescoring_snapshot", row -> row.number("n")).orElse(0L);
    }

    /** Forgets the Leads a full chain of runs did not read again: they are converted or deleted. */
    void forgetReadBefore(Instant chainStart) {
        db.update("DELETE FROM rescoring_snapshot WHERE read_at < ?", chainStart);
    }

    /** Up to {@code limit} stored Leads after {@code afterId} (null: from the first) whose person has stored activities, by id. */
    List<CrmRecord> withActivities(String afterId, int limit) {
        return db.query(limit, "SELECT s.lead_id, s.email, s.fields FROM rescoring_snapshot s WHERE s.lead_id > ? "
                + "AND EXISTS (SELECT 1 FROM activity a WHERE a.email = s.email) ORDER BY s.lead_id", this::lead, afterId == null ? "" : afterId);
    }

    private CrmRecord lead(Database.Row row) throws SQLException {
        return new CrmRecord(RecordKind.LEADS, row.text("lead_id"), row.text("email"), read(row.text("fields")));
    }

    private String write(Map<String, Object> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored Lead is unreadable", e);
        }
    }
}
