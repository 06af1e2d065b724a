package org.leadscoring.intake.hooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Delivery of REST-hook events to Zaps ({@code leadscoring.hooks.*}). */
@ConfigMapping(prefix = "leadscoring.hooks")
public interface HooksConfig {

    /**
     * {@code leadscoring.hooks.allowed-http-hosts}: hosts a hook may reach over plain http, loopback and private
     * addresses included; empty by default (every target must be https on a public address).
     */
    Optional<List<String>> allowedHttpHosts();

    /** {@code leadscoring.hooks.timeout}: how long one delivery may take, connecting included. */
    @WithDefault("5s")
    Duration timeout();

    /** {@code leadscoring.hooks.concurrency}: subscriptions delivered to at once; one target's deliveries go in order. */
    @WithDefault("8")
    int concurrency();

    /** {@code leadscoring.hooks.first-retry}: the wait before delivering again to a target that failed; it doubles. */
    @WithDefault("5s")
    Duration firstRetry();

    /** {@code leadscoring.hooks.max-retry}: the longest wait between two deliveries of one event. */
    @WithDefault("1h")
    Duration maxRetry();

    default org.leadscoring.jobs.Backoff backoff() {
        return new org.leadscoring.jobs.Backoff(firstRetry(), maxRetry());
    }
}
