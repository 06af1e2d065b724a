package org.leadscoring.workbench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
public class WorkbenchStore {

    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    @Inject
    Database db;

    @Inject
    ObjectMapper json;

    /** A draft: changed files by path (null content: the file is deleted), started from live rule set {@code baseVersion}. */
    public record Draft(String id, String author, String baseVersion, Map<String, String> files, Instant createdAt, Instant updatedAt) {
    }

    /** A published version: all files as they were published. */
    public record Version(int number, String rulesetVersion, String author, String message, Map<String, String> files,
            Integer restoredFrom, Instant createdAt) {
    }

    public void saveDraft(Draft d) {
        String files = write(d.files());
        if (db.update("UPDATE workbench_draft SET files = ?, updated_at = ? WHERE id = ?", files, Database.ts(d.updatedAt()), d.id()) == 0) {
            db.update("INSERT INTO workbench_draft (id, author, base_version, files, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    d.id(), d.author(), d.baseVersion(), files, Database.ts(d.createdAt()), Database.ts(d.updatedAt()));
        }
    }

    public Optional<Draft> draft(String id) {
        List<Draft> found = drafts("SELECT * FROM workbench_draft WHERE id = ?", id);
        return found.stream().findFirst();
    }

    public List<Draft> drafts() {
        return drafts("SELECT * FROM workbench_draft ORDER BY updated_at DESC");
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
                    v.restoredFrom(), Database.ts(v.createdAt()));
            return true;
        } catch (StoreException e) {
            if (version(v.number()).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Version> version(int number) {
        return versions("SELECT * FROM rules_version WHERE number = ?", number).stream().findFirst();
    }

    public Optional<Version> latestVersion() {
        return versions("SELECT * FROM rules_version ORDER BY number DESC", (Object[]) null).stream().findFirst();
    }

    /** All versions, newest first. */
    public List<Version> versions() {
        return versions("SELECT * FROM rules_version ORDER BY number DESC", (Object[]) null);
    }

    private List<Draft> drafts(String sql, Object... args) {
        List<Draft> out = new ArrayList<>();
        query(sql, args, rs -> out.add(new Draft(rs.getString("id"), rs.getString("author"), rs.getString("base_version"),
                read(rs.getString("files")), Database.instant(rs.getTimestamp("created_at")), Database.instant(rs.getTimestamp("updated_at")))));
        return out;
    }

    private List<Version> versions(String sql, Object... args) {
        List<Version> out = new ArrayList<>();
        query(sql, args, rs -> out.add(new Version(rs.getInt("number"), rs.getString("ruleset_version"), rs.getString("author"),
                rs.getString("message"), read(rs.getString("files")), (Integer) rs.getObject("restored_from"),
                Database.instant(rs.getTimestamp("created_at")))));
        return out;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Object[] args, Row row) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; args != null && i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the workbench", e);
        }
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
