package org.leadscoring.history;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The history of the scores given ({@code leadscoring.history.*}). */
@ConfigMapping(prefix = "leadscoring.history")
public interface HistoryConfig {

    /**
     * {@code leadscoring.history.retention}: how long each score given is kept (ISO-8601, {@code P730D}: two years,
     * enough to see the deals of a long sales cycle close); older entries are forgotten every hour.
     */
    @WithDefault("P730D")
    Duration retention();
}
