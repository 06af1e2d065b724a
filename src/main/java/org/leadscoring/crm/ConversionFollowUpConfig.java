package org.leadscoring.crm;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Conversions the CRM scheduled as a job, followed up until done ({@code leadscoring.conversion-follow-up.*}). */
@ConfigMapping(prefix = "leadscoring.conversion-follow-up")
public interface ConversionFollowUpConfig {

    /** {@code leadscoring.conversion-follow-up.first-check}: the wait before the first check; it doubles. */
    @WithDefault("30s")
    Duration firstCheck();

    /** {@code leadscoring.conversion-follow-up.longest-wait}: the longest wait between two checks. */
    @WithDefault("1h")
    Duration longestWait();

    default org.leadscoring.jobs.Backoff backoff() {
        return new org.leadscoring.jobs.Backoff(firstCheck(), longestWait());
    }
}
