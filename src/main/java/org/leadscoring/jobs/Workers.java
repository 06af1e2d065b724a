package org.leadscoring.jobs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Thread pools for the service's own background work, all made here: daemon threads, named for thread dumps. */
public final class Workers {

    private Workers() {
    }

    /**
     * The result of work handed to a pool: its own runtime exception when it failed, as if it had run on this thread.
     *
     * @param what what the work does, for the message when waiting is interrupted
     */
    public static <T> T await(java.util.concurrent.Future<T> work, String what) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A pool that grows with the work handed to it (the calls in flight bound it elsewhere); idle threads go after a minute. */
    public static ExecutorService growing(String name) {
        return Executors.newCachedThreadPool(work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A pool of {@code threads} threads (at least one). */
    public static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        });
    }
}
