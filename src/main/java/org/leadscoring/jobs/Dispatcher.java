package org.leadscoring.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The one poller of the {@link WorkQueue}: every {@code leadscoring.jobs.interval} it looks for due work of each kind
 * and hands each kind with due work to its {@link Worker}, on a thread of its own so that one kind (hook targets that
 * are slow, a CRM that is down) never holds up another; a kind whose worker is still busy is left for the next round.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final WorkQueue queue;
    private final List<Worker> workers;
    private final ExecutorService rounds;
    private final Set<WorkItem.Kind> busy = ConcurrentHashMap.newKeySet();

    @Inject
    Dispatcher(WorkQueue queue, Instance<Worker> workers, JobsConfig config) {
        this(queue, workers.stream().toList());
        LOG.debugf("The work queue is looked at every %s for %s", config.interval(), this.workers.stream().map(Worker::kind).toList());
    }

    Dispatcher(WorkQueue queue, List<Worker> workers) {
        this.queue = queue;
        this.workers = List.copyOf(workers);
        this.rounds = Workers.pool("jobs", WorkItem.Kind.values().length);
    }

    @PreDestroy
    void stop() {
        rounds.shutdownNow();
    }

    /** Hands the work that is due to its workers; runs on a schedule and can be called directly. */
    @Scheduled(identity = "work-queue", skipExecutionIf = Scheduled.ApplicationNotRunning.class, executeWith = Scheduled.SIMPLE,
            every = "${leadscoring.jobs.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void dispatch() {
        Instant now = Instant.now();
        for (Worker worker : workers) {
            WorkItem.Kind kind = worker.kind();
            if (!queue.anyDue(kind, now) || !busy.add(kind)) {
                continue;
            }
            rounds.execute(() -> {
                try {
                    worker.workDue();
                } catch (RuntimeException e) {
                    LOG.error("Work of kind " + kind.name().toLowerCase(java.util.Locale.ROOT) + " failed this round; it is tried again", e);
                } finally {
                    busy.remove(kind);
                }
            });
        }
    }
}
