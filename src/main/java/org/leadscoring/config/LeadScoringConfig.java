package org.leadscoring.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * {@code leadscoring.data-dir}: where the embedded database and the generated API key are kept; absolute, or
     * relative starting with {@code ./} (H2 refuses other relative paths).
     */
    @WithDefault("./data")
    Path dataDir();

    /** {@code leadscoring.database}: {@code h2} (embedded, the default) or {@code postgresql} (see the {@code pg} profile). */
    @WithDefault("h2")
    String database();

    /**
     * {@code leadscoring.api-key}: the keys clients send in {@code X-API-Key}, comma-separated for rotation. A secret.
     * Without one, a key is generated on first start and kept in the data directory.
     */
    Optional<List<String>> apiKey();

    /**
     * The rules workbench's keys ({@code X-Admin-Key} on {@code /api/workbench/**}), comma-separated, each
     * {@code name:secret} (the name is recorded as who published) or a bare secret; none: the workbench is off.
     */
    Optional<List<String>> adminKey();

    /** Hot reload of the rule and model files. */
    Reload reload();

    /** Limits that keep one request from taking the service down. */
    Limits limits();

    /**
     * {@code leadscoring.sales-capacity-per-week}: how many qualified prospects sales can work in a week; the calibration
     * report sets the qualified per week against it (none: not compared).
     */
    java.util.OptionalInt salesCapacityPerWeek();

    /**
     * Serve {@code POST /api/bench/echo}, the HTTP benchmark's baseline: it reads a JSON body and writes it back
     * through the same filters as every API call. Off in production (404).
     */
    @WithDefault("false")
    boolean benchEcho();


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

        /**
         * {@code leadscoring.reload.import-files}: whether rule files found on disk that no published version has (edited
         * by hand, at start or while running) are recorded as a new version, which every instance then serves. On for a
         * single instance edited in files; off in a cluster (the Kubernetes manifest turns it off), where images carry
         * the shipped rules and only what is published through the workbench or its API is served.
         */
        @WithDefault("true")
        boolean importFiles();

        /**
         * {@code leadscoring.reload.follow-versions}: whether this instance serves the newest version in the database
         * (and imports files, above). Always on in service; the test suite turns it off, because its services share
         * one in-memory database while each reads rules of its own.
         */
        @WithDefault("true")
        boolean followVersions();
    }


    interface Limits {

        /** {@code leadscoring.limits.requests-per-second}: requests one API key may make per second before 429. */
        @WithDefault("50")
        int requestsPerSecond();

        /**
         * {@code leadscoring.limits.failed-keys-per-minute}: wrong API or admin keys one client address may send in a
         * minute; past it every request of that address is answered 429 until the minute is over.
         */
        @WithDefault("10")
        int failedKeysPerMinute();

        /** {@code leadscoring.limits.max-rule-firings}: rule firings per scoring after which the rules are deemed looping. */
        @WithDefault("50000")
        int maxRuleFirings();

        /**
         * {@code leadscoring.limits.max-scoring-time}: how long scoring one prospect may take before its rules are
         * halted and the caller told so. The shipped model needs about 10 µs.
         */
        @WithDefault("250ms")
        Duration maxScoringTime();

        /** {@code leadscoring.limits.max-activities}: activities one request may carry. */
        @WithDefault("1000")
        int maxActivities();

        /**
         * {@code leadscoring.limits.max-depth}: how deeply objects and lists may nest in a JSON body. Zapier's
         * payloads nest two or three levels ("Unflatten"); 32 leaves room for any form.
         */
        @WithDefault("32")
        int maxDepth();

        /** {@code leadscoring.limits.max-fields}: fields one intake may carry once flattened (a long Typeform has ~100). */
        @WithDefault("300")
        int maxFields();

        /** {@code leadscoring.limits.max-key-length}: characters in one field name (Zapier's longest are ~100). */
        @WithDefault("200")
        int maxKeyLength();

        /** {@code leadscoring.limits.max-value-length}: characters in one intake field's value (a long free-text answer). */
        @WithDefault("20000")
        int maxValueLength();

        /** {@code leadscoring.limits.max-number-length}: digits in one JSON number; no real amount or count needs more. */
        @WithDefault("50")
        int maxNumberLength();

        /** {@code leadscoring.limits.max-body-bytes}: the largest request body accepted; larger ones get 413. */
        @WithDefault("262144")
        long maxBodyBytes();

        /**
         * {@code leadscoring.limits.body-timeout}: how long a client may take to send a request's whole body; past it the
         * request is answered 408 and its connection closed. Bodies are read without holding a thread, so a client sending
         * a byte a second costs a connection and nothing else until then.
         */
        @WithDefault("20s")
        Duration bodyTimeout();

        /**
         * {@code leadscoring.limits.connections-per-client}: requests one client address may have in progress at once;
         * more are answered 429 at once. Behind a load balancer or proxy, set
         * {@code quarkus.http.proxy.proxy-address-forwarding=true} so that the client is the one the proxy names.
         */
        @WithDefault("64")
        int connectionsPerClient();
    }
}
