package org.leadscoring.jobs;

import java.time.Duration;
import java.time.Instant;

import org.leadscoring.store.Database;

/**
 * A lease that keeps one kind of background run (re-scoring, the outcome sync) one at a time across the instances
 * sharing a database: an instance takes it before it starts or resumes a run and renews it after every page; a dead
 * instance's lease expires after {@link #TERM}, and another instance may then resume its run. Leases are rows of
 * {@code job_lease}, one per kind, made by the migrations.
 */
public final class Lease {

    public static final Duration TERM = Duration.ofMinutes(2);

    private final Database db;
    private final String name;
    private final String instance;

    Lease(Database db, String name, String instance) {
        this.db = db;
        this.name = name;
        this.instance = instance;
    }

    /** This instance's name in the lease and in the runs it executes. */
    public String instance() {
        return instance;
    }

    /** Takes or renews the lease for this instance; false when another instance holds an unexpired one. */
    public boolean take() {
        Instant now = Instant.now();
        return db.update("UPDATE job_lease SET holder = ?, expires_at = ? WHERE name = ? AND (holder IS NULL OR holder = ? OR expires_at < ?)",
                instance, now.plus(TERM), name, instance, now) == 1;
    }

    public void release() {
        db.update("UPDATE job_lease SET holder = NULL, expires_at = NULL WHERE name = ? AND holder = ?", name, instance);
    }
}
