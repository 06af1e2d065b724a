package org.leadscoring.config;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings, under {@code leadscoring.*}. Every key has a default that makes the embedded run work. */
@ConfigMapping(prefix = "leadscoring")
public interface LeadScoringConfig {

    /** {@code leadscoring.rules-dir}: the folder of DRL rule files marketing ops edit. */
    @WithDefault("rules")
    Path rulesDir();

    /** {@code leadscoring.models-dir}: the folder of scoring model files (YAML). */
    @WithDefault("scoring-models")
    Path modelsDir();

    /** {@code leadscoring.default-model}: the model used when a request names none. */
    @WithDefault("b2b")
    String defaultModel();

    /** Hot reload of the rule and model files. */
    Reload reload();

    /** Limits that keep one request from taking the service down. */
    Limits limits();

    interface Reload {

        /** {@code leadscoring.reload.interval}: how often the folders are checked for changed content. */
        @WithDefault("2s")
        Duration interval();

        /**
         * {@code leadscoring.reload.quiet-period}: how long files must be left alone before they are built, so a
         * folder being copied is not compiled half-way.
         */
        @WithDefault("500ms")
        Duration quietPeriod();
    }

    interface Limits {

        /** {@code leadscoring.limits.max-rule-firings}: rule firings per scoring after which the rules are deemed looping. */
        @WithDefault("50000")
        int maxRuleFirings();

        /** {@code leadscoring.limits.max-activities}: activities one request may carry. */
        @WithDefault("1000")
        int maxActivities();

        /** {@code leadscoring.limits.max-body-bytes}: the largest request body accepted; larger ones get 413. */
        @WithDefault("262144")
        long maxBodyBytes();
    }
}
