package org.leadscoring.workbench;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.store.Database;
import org.leadscoring.store.StoreException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Drafts and published versions of the rule and model files. */
@ApplicationScoped
public class WorkbenchRepository {

    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    private final Database db;
    private final ObjectMapper json;

    @Inject
    WorkbenchRepository(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A draft: changed files by path (null content: the file is deleted), started from live rule set {@code baseVersion}. */
    public record Draft(String id, String author, String baseVersion, Map<String, String> files, Instant createdAt, Instant updatedAt) {
    }

    /** A published version: all files as they were published. */
    public record Version(int number, String rulesetVersion, String author, String message, Map<String, String> files,
            Integer restoredFrom, Instant createdAt) {
    }

    public void saveDraft(Draft d) {
        String files = write(d.files());
        if (db.update("UPDATE workbench_draft SET files = ?, updated_at = ? WHERE id = ?", files, d.updatedAt(), d.id()) == 0) {
            db.update("INSERT INTO workbench_draft (id, author, base_version, files, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    d.id(), d.author(), d.baseVersion(), files, d.createdAt(), d.updatedAt());
        }
    }

    public Optional<Draft> draft(String id) {
        return db.one("SELECT * FROM workbench_draft WHERE id = ?", this::draft, id);
    }

    public List<Draft> drafts() {
        return db.query("SELECT * FROM workbench_draft ORDER BY updated_at DESC", this::draft);
    }

    /** How many drafts {@code author} keeps. */
    public int draftCount(String author) {
        return db.one("SELECT COUNT(*) AS n FROM workbench_draft WHERE author = ?", row -> row.integer("n"), author).orElse(0);
    }

    public boolean deleteDraft(String id) {
        return db.update("DELETE FROM workbench_draft WHERE id = ?", id) > 0;
    }

    /**
     * Records a version with the next number; false when another publish took that number first (the caller
     * re-checks and tries again or reports the conflict).
     */
    public boolean addVersion(Version v) {
        try {
            db.update("INSERT INTO rules_version (number, ruleset_version, author, message, files, restored_from, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", v.number(), v.rulesetVersion(), v.author(), v.message(), write(v.files()),
                    Database.integer(v.restoredFrom()), v.createdAt());
            return true;
        } catch (StoreException e) {
            if (version(v.number()).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Version> version(int number) {
        return db.one("SELECT * FROM rules_version WHERE number = ?", this::version, number);
    }

    /** The newest version's number and rule set version, without its files: what instances poll for. */
    public record Head(int number, String rulesetVersion) {
    }

    public Optional<Head> latestHead() {
        return db.query(1, "SELECT number, ruleset_version FROM rules_version ORDER BY number DESC",
                row -> new Head(row.integer("number"), row.text("ruleset_version"))).stream().findFirst();
    }

    /** Whether some version holds exactly this rule set. */
    public boolean hasRuleset(String rulesetVersion) {
        return db.one("SELECT COUNT(*) AS n FROM rules_version WHERE ruleset_version = ?", row -> row.number("n"), rulesetVersion).orElse(0L) > 0;
    }

    public Optional<Version> latestVersion() {
        return versions().stream().findFirst();
    }

    /** All versions, newest first. */
    public List<Version> versions() {
        return db.query("SELECT * FROM rules_version ORDER BY number DESC", this::version);
    }

    private Draft draft(Database.Row row) throws SQLException {
        return new Draft(row.text("id"), row.text("author"), row.text("base_version"), read(row.text("files")), row.instant("created_at"),
                row.instant("updated_at"));
    }

    private Version version(Database.Row row) throws SQLException {
        return new Version(row.integer("number"), row.text("ruleset_version"), row.text("author"), row.text("message"), read(row.text("files")),
                row.nullableInteger("restored_from"), row.instant("created_at"));
    }

    private String write(Map<String, String> files) {
        try {
            return json.writeValueAsString(new TreeMap<>(files));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String files) {
        try {
            return json.readValue(files, FILES);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored draft or version is not valid JSON", e);
        }
    }
}
