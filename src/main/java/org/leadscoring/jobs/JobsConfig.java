package org.leadscoring.jobs;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of background work as a whole. */
@ConfigMapping(prefix = "leadscoring.jobs")
public interface JobsConfig {

    /** {@code leadscoring.jobs.interval}: how often the work queue is looked at for due work of every kind. */
    @WithDefault("2s")
    Duration interval();
}
