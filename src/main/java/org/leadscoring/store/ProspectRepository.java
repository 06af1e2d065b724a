package org.leadscoring.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Prospect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prospects: their latest fields, their standing in Zoho, what the service wrote to their record, and their activities. */
@ApplicationScoped
public class ProspectRepository {

    private final Database db;
    private final ObjectMapper json;

    @Inject
    public ProspectRepository(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Where a prospect stands after the service acted on them: their Zoho record (null keeps the one known), whether
     * they are qualified and armed for a new qualification, and the Lead converted into them (null keeps the one known).
     */
    public record Standing(String email, String zohoModule, String zohoId, boolean qualified, boolean armed, String convertedLead) {
    }

    /** Stores a prospect's latest fields, adding the prospect when new. */
    void save(String email, Prospect prospect, Instant now) {
        String data = write(prospect);
        if (db.update("UPDATE prospect SET data = ?, updated_at = ? WHERE email = ?", data, now, email) == 0) {
            db.update("INSERT INTO prospect (email, data, created_at, updated_at) VALUES (?, ?, ?, ?)", email, data, now, now);
        }
    }

    void addActivity(String email, Activity activity, String intakeId) {
        db.update("INSERT INTO activity (email, type, occurred_at, properties, intake_id) VALUES (?, ?, ?, ?, ?)", email, activity.type(),
                activity.at(), activity.properties().isEmpty() ? null : write(activity.properties()), intakeId);
    }

    public Optional<StoredProspect> find(String email) {
        return Optional.ofNullable(byEmail(List.of(email)).get(email));
    }

    /** Up to {@code limit} stored prospects after {@code after} (null: from the first), in email order: a page of them. */
    public List<StoredProspect> after(String after, int limit) {
        return after == null
                ? db.query(limit, "SELECT * FROM prospect ORDER BY email", this::prospect)
                : db.query(limit, "SELECT * FROM prospect WHERE email > ? ORDER BY email", this::prospect, after);
    }

    /** The stored prospects among these emails, by email: one query for a whole page of leads. */
    public Map<String, StoredProspect> byEmail(Collection<String> emails) {
        Map<String, StoredProspect> out = new HashMap<>();
        if (!emails.isEmpty()) {
            db.query("SELECT * FROM prospect WHERE email IN (" + Database.marks(emails.size()) + ")", this::prospect, emails.toArray())
                    .forEach(p -> out.put(p.email(), p));
        }
        return out;
    }

    /** The stored activities of these prospects, by email, each list oldest first: one query for a whole page of leads. */
    public Map<String, List<Activity>> activities(Collection<String> emails) {
        Map<String, List<Activity>> out = new HashMap<>();
        if (!emails.isEmpty()) {
            db.query("SELECT email, type, occurred_at, properties FROM activity WHERE email IN (" + Database.marks(emails.size()) + ") ORDER BY occurred_at, id",
                    row -> Map.entry(row.text("email"), new Activity(row.text("type"), row.instant("occurred_at"), properties(row.text("properties")), 0)),
                    emails.toArray()).forEach(a -> out.computeIfAbsent(a.getKey(), k -> new ArrayList<>()).add(a.getValue()));
        }
        return out;
    }

    /** Every stored activity of a prospect, oldest first. */
    public List<Activity> activities(String email) {
        return activities(List.of(email)).getOrDefault(email, List.of());
    }

    /** The prospects the service converted from a Lead to a Contact itself. */
    public java.util.Set<String> convertedByService() {
        return new java.util.HashSet<>(db.query("SELECT email FROM prospect WHERE converted_lead IS NOT NULL", row -> row.text("email")));
    }

    public void recordStanding(Standing s, Instant now) {
        db.update("UPDATE prospect SET zoho_module = COALESCE(?, zoho_module), zoho_id = COALESCE(?, zoho_id), qualified = ?, armed = ?, "
                + "converted_lead = COALESCE(?, converted_lead), updated_at = ? WHERE email = ?", s.zohoModule(), s.zohoId(), s.qualified(),
                s.armed(), s.convertedLead(), now, s.email());
    }

    /** Replaces the prospect fields the service remembers having written to the person's record (field to value as compared). */
    public void recordWritten(String email, Map<String, String> written) {
        db.update("UPDATE prospect SET zoho_written = ? WHERE email = ?", write(new TreeMap<>(written)), email);
    }

    private StoredProspect prospect(Database.Row row) throws SQLException {
        String written = row.text("zoho_written");
        return new StoredProspect(row.text("email"), read(row.text("data"), new TypeReference<Prospect>() {
        }), row.text("zoho_module"), row.text("zoho_id"), row.bool("qualified"), row.bool("armed"), row.text("converted_lead"),
                written == null ? Map.of() : read(written, new TypeReference<Map<String, String>>() {
                }));
    }

    private Map<String, Object> properties(String text) {
        return text == null ? Map.of() : read(text, new TypeReference<Map<String, Object>>() {
        });
    }


    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored prospect is unreadable", e);
        }
    }
}
