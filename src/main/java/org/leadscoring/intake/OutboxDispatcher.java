package org.leadscoring.intake;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.store.IntakeStore;
import org.leadscoring.store.OutboxItem;

import io.quarkus.scheduler.Scheduled;

/**
 * Completes Zoho work that could not be done when the intake arrived (Zoho down, slow or rate-limited), and work
 * left behind by a process that died: oldest first, in order per prospect, each item claimed so that several
 * instances never do the same work at once.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    static final int BATCH = 50;

    @Inject
    IntakeStore store;

    @Inject
    ZohoSync sync;

    @Scheduled(identity = "outbox", every = "${leadscoring.outbox.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void dispatch() {
        for (OutboxItem item : store.due(Instant.now(), BATCH)) {
            if (!sync.claim(item)) {
                continue;
            }
            try {
                sync.process(item);
            } catch (RuntimeException e) {
                LOG.error("Outbox item " + item.id() + " (intake " + item.intakeId() + ") failed; it will be retried", e);
            }
        }
    }
}
