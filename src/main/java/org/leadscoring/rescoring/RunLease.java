package org.leadscoring.rescoring;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.leadscoring.store.Database;

/**
 * The lease that keeps re-scoring runs one at a time across the instances sharing a database: an instance takes it
 * before it starts or resumes a run and renews it after every page; a dead instance's lease expires after
 * {@link #TERM}, and another instance may then resume its run.
 */
@ApplicationScoped
public class RunLease {

    static final Duration TERM = Duration.ofMinutes(2);

    @Inject
    Database db;

    private final String instance = "instance-" + UUID.randomUUID();

    /** This instance's name in the lease and in the runs it executes. */
    public String instance() {
        return instance;
    }

    /** Takes or renews the lease for this instance; false when another instance holds an unexpired one. */
    @Transactional
    public boolean take() {
        Instant now = Instant.now();
        return db.update("UPDATE rescoring_lock SET holder = ?, expires_at = ? WHERE name = 'rescoring' AND (holder IS NULL OR holder = ? OR expires_at < ?)",
                instance, now.plus(TERM), instance, now) == 1;
    }

    @Transactional
    public void release() {
        db.update("UPDATE rescoring_lock SET holder = NULL, expires_at = NULL WHERE name = 'rescoring' AND holder = ?", instance);
    }
}
