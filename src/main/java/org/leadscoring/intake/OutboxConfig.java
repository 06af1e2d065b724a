package org.leadscoring.intake;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox of intakes' CRM work ({@code leadscoring.outbox.*}). */
@ConfigMapping(prefix = "leadscoring.outbox")
public interface OutboxConfig {

    /** {@code leadscoring.outbox.first-retry}: the wait before retrying Zoho work that failed; it doubles each time. */
    @WithDefault("30s")
    Duration firstRetry();

    /**
     * {@code leadscoring.outbox.claim}: how long an instance holds an item it works on; after that (a crash) another
     * instance, or this one restarted, takes it over. Longer than one item's Zoho work with all its retries.
     */
    @WithDefault("90s")
    Duration claim();

    /** {@code leadscoring.outbox.max-retry}: the longest wait between two tries. */
    @WithDefault("1h")
    Duration maxRetry();

    default org.leadscoring.jobs.Backoff backoff() {
        return new org.leadscoring.jobs.Backoff(firstRetry(), maxRetry());
    }
}
