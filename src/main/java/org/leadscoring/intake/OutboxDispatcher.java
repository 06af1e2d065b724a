package org.leadscoring.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.crm.CircuitState;
import org.leadscoring.crm.Crm;
import org.leadscoring.jobs.WorkItem;
import org.leadscoring.jobs.Worker;
import org.leadscoring.store.OutboxItem;
import org.leadscoring.store.OutboxRepository;


/**
 * Completes Zoho work that could not be done when the intake arrived (Zoho down, slow or rate-limited), and work
 * left behind by a process that died: oldest first, in order per prospect, each item claimed so that several
 * instances never do the same work at once.
 */
@ApplicationScoped
public class OutboxDispatcher implements Worker {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    static final int BATCH = 50;

    private final OutboxRepository outbox;
    private final IntakeSync sync;
    private final Crm crm;

    @Inject
    OutboxDispatcher(OutboxRepository outbox, IntakeSync sync, Crm crm) {
        this.outbox = outbox;
        this.sync = sync;
        this.crm = crm;
    }

    private ExecutorService workers;

    @Override
    public WorkItem.Kind kind() {
        return WorkItem.Kind.INTAKE;
    }

    @PostConstruct
    void start() {
        workers = org.leadscoring.jobs.Workers.pool("outbox", crm.callsAtOnce());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /**
     * Delivers due items, as many at once as Zoho takes calls in flight ({@code zoho.max-concurrent-calls});
     * items of one prospect still go one after another (an item is claimed only when none before it is pending).
     * While Zoho's circuit is open one item is tried a round. Once Zoho takes work again, {@link IntakeSync} makes
     * everything waiting due at once instead of at its backed-off time.
     */
    @Override
    public void workDue() {
        CircuitState circuit = crm.circuit();
        // While Zoho is down, one item a round is enough: once the circuit's delay has passed it is the probe.
        List<Future<?>> running = new ArrayList<>();
        for (OutboxItem item : outbox.due(Instant.now(), circuit == CircuitState.OPEN ? 1 : BATCH)) {
            if (!sync.claim(item)) {
                continue;
            }
            running.add(workers.submit(() -> {
                try {
                    sync.process(item);
                } catch (RuntimeException e) {
                    LOG.error("Outbox item " + item.id() + " (intake " + item.intakeId() + ") failed; it will be retried", e);
                }
            }));
        }
        for (Future<?> done : running) {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.error("Outbox delivery failed", e.getCause());
            }
        }
    }
}
