package org.leadscoring.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Thread pools for the service's own background work: a fixed number of daemon threads, named for thread dumps. */
public final class Workers {

    private Workers() {
    }

    public static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        });
    }
}
