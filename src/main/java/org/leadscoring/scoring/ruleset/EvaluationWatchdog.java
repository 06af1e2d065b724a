package org.leadscoring.scoring.ruleset;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.kie.api.runtime.KieSession;

/**
 * Stops evaluations that run past their time bound: one daemon thread looks at the running evaluations every
 * few milliseconds and halts the session of any past its deadline. Scoring itself stays on the caller's thread,
 * so the common case costs two set operations, not a hand-off to another thread.
 */
final class EvaluationWatchdog {

    /** How often running evaluations are looked at; a halt is asked for at most this long before the bound. */
    static final Duration TICK = Duration.ofMillis(2);

    static final EvaluationWatchdog INSTANCE = new EvaluationWatchdog();

    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;

    private EvaluationWatchdog() {
    }

    /** One evaluation being watched. */
    static final class Running {
        private final KieSession session;
        private final long deadline;
        private volatile boolean expired;
        private boolean finished;

        private Running(KieSession session, long deadline) {
            this.session = session;
            this.deadline = deadline;
        }

        /** Whether the bound was reached and the session was halted. */
        boolean expired() {
            return expired;
        }

        // Halting and finishing exclude each other, so a session already given back is never halted.
        private synchronized void expire() {
            if (!finished) {
                expired = true;
                session.halt();
            }
        }

        private synchronized void finish() {
            finished = true;
        }
    }

    /** Starts watching an evaluation in {@code session}, to be halted once {@code bound} has passed. */
    Running watch(KieSession session, Duration bound) {
        if (thread == null) {
            start();
        }
        long halfTick = TICK.toNanos() / 2;
        Running r = new Running(session, System.nanoTime() + Math.max(bound.toNanos() - TICK.toNanos() - halfTick, halfTick));
        running.add(r);
        return r;
    }

    /** Stops watching; after this the session is never halted by the watchdog. */
    void done(Running r) {
        r.finish();
        running.remove(r);
    }

    private synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(this::loop, "scoring-watchdog");
        t.setDaemon(true);
        t.start();
        thread = t;
    }

    private void loop() {
        while (true) {
            LockSupport.parkNanos(TICK.toNanos());
            long now = System.nanoTime();
            for (Running r : running) {
                if (!r.expired && now - r.deadline >= 0) {
                    try {
                        r.expire();
                    } catch (RuntimeException haltFailed) {
                        // A session in a state that cannot be halted is past firing: its evaluation ends by itself.
                    }
                }
            }
        }
    }
}
