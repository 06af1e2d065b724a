package org.leadscoring.rescoring;

import java.time.Instant;

import org.leadscoring.store.Database;

/** Activities put straight into the service's database, as intakes would have stored them. */
final class StoredActivities {

    private StoredActivities() {
    }

    static void store(Database db, String email, String type, Instant at) {
        db.update("INSERT INTO activity (email, type, occurred_at, intake_id) VALUES (?, ?, ?, 'test')", email, type, at);
    }
}
