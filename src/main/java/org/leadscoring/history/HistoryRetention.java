package org.leadscoring.history;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Forgets score history older than {@code leadscoring.history.retention}, every hour (on each instance: it is idempotent). */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);

    private final ScoreHistory history;
    private final HistoryConfig config;

    @Inject
    HistoryRetention(ScoreHistory history, HistoryConfig config) {
        this.history = history;
        this.config = config;
    }

    @Scheduled(identity = "score-history-retention", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            executeWith = Scheduled.SIMPLE, every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOld() {
        int forgotten = history.forgetBefore(Instant.now().minus(config.retention()));
        if (forgotten > 0) {
            LOG.infof("Score history: forgot %d entries older than %s", forgotten, config.retention());
        }
    }
}
