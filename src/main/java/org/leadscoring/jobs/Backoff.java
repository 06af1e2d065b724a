package org.leadscoring.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff of the service's background work and calls: after {@code n} failures the wait is
 * {@code first × 2^(n−1)}, at most {@code longest}. Each user configures its own two values (a Zoho call's retry,
 * queued work, a conversion's follow-up, a hook delivery); the doubling is written here only.
 */
public record Backoff(Duration first, Duration longest) {

    public Backoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first (" + first + ") ≤ longest (" + longest + ")");
        }
    }

    /** The wait after {@code failures} failures in a row (1: the first wait). */
    public Duration after(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 40));
        long nanos = first.toNanos();
        return nanos > longest.toNanos() >> doublings ? longest : Duration.ofNanos(nanos << doublings);
    }

    /**
     * The wait after {@code failures} failures, drawn at random between half of {@link #after} and all of it, so that
     * many callers failing together do not retry together.
     */
    public Duration jittered(int failures) {
        long ceiling = after(failures).toNanos();
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
