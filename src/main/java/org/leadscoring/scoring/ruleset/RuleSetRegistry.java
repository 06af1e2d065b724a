package org.leadscoring.scoring.ruleset;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

/**
 * Holds the live rule set and replaces it when the files change. A reload builds a whole new rule set off
 * the request path and swaps it in atomically; a build with errors is not taken and the last good rule set
 * keeps serving. Requests read the live set without locking.
 */
public final class RuleSetRegistry {

    private static final Logger LOG = Logger.getLogger(RuleSetRegistry.class);

    private final Path rulesDir;
    private final Path modelsDir;
    private final RuleSetBuilder builder;
    private final Duration quietPeriod;
    private final AtomicReference<RuleSet> live = new AtomicReference<>();
    private volatile ReloadReport lastReport;
    private String lastAttempted;

    public RuleSetRegistry(Path rulesDir, Path modelsDir, RuleSetBuilder builder, Duration quietPeriod) {
        this.rulesDir = rulesDir;
        this.modelsDir = modelsDir;
        this.builder = builder;
        this.quietPeriod = quietPeriod;
    }

    /** The rule set serving requests; empty until one has loaded without errors. */
    public Optional<RuleSet> current() {
        return Optional.ofNullable(live.get());
    }

    /** The result of the last reload attempt that built something. */
    public Optional<ReloadReport> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    /** The builder this registry compiles with, to build drafts the same way without serving them. */
    public RuleSetBuilder builder() {
        return builder;
    }

    public Path rulesDir() {
        return rulesDir;
    }

    public Path modelsDir() {
        return modelsDir;
    }

    /** Builds from the files as they are now, whatever was built before. */
    public synchronized ReloadReport reload() {
        return build(Snapshot.read(rulesDir, modelsDir));
    }

    /**
     * Builds when the files differ from the last build attempted and have been quiet for the quiet period,
     * so a half-copied folder is not compiled.
     *
     * @return the report of the build, or empty when nothing was built
     */
    public synchronized Optional<ReloadReport> reloadIfChanged() {
        Snapshot snapshot = Snapshot.read(rulesDir, modelsDir);
        if (snapshot.version().equals(lastAttempted)) {
            return Optional.empty();
        }
        if (System.currentTimeMillis() - snapshot.newestModifiedMillis() < quietPeriod.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(build(snapshot));
    }

    private ReloadReport build(Snapshot snapshot) {
        long start = System.nanoTime();
        lastAttempted = snapshot.version();
        RuleSetBuilder.Result result;
        try {
            result = builder.build(snapshot);
        } catch (RuntimeException e) {
            // A compiler crash is a rejected build like any other; the last good set keeps serving.
            LOG.error("Rule set build " + snapshot.version() + " failed unexpectedly", e);
            result = new RuleSetBuilder.Result(null, List.of(BuildProblem.error(null, "Internal error while building: " + e)));
        }
        return record(snapshot, result, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /**
     * Serves a rule set already built from {@code snapshot} whose files are now on disk (the workbench builds a
     * draft to check it, then writes exactly those files): no second compile, and the poller, finding the same
     * version on disk, leaves it.
     */
    public synchronized ReloadReport adopt(Snapshot snapshot, RuleSetBuilder.Result built, long buildMillis) {
        if (built.ruleSet() == null) {
            throw new IllegalArgumentException("only a rule set that loaded can be served");
        }
        lastAttempted = snapshot.version();
        return record(snapshot, built, buildMillis);
    }

    /** Records a rule set built to be served that did not load: reported as rejected, the last good set serving on. */
    public synchronized ReloadReport refuse(Snapshot snapshot, RuleSetBuilder.Result built, long buildMillis) {
        if (built.ruleSet() != null) {
            throw new IllegalArgumentException("a rule set that loaded is adopted, not refused");
        }
        return record(snapshot, built, buildMillis);
    }

    private ReloadReport record(Snapshot snapshot, RuleSetBuilder.Result result, long millis) {
        ReloadReport report;
        if (result.ruleSet() != null) {
            live.set(result.ruleSet());
            report = new ReloadReport(Instant.now(), ReloadReport.Outcome.LOADED, snapshot.version(), millis, result.problems());
            LOG.infof("Loaded rule set %s in %d ms: models %s, %d rule files", snapshot.version(), millis,
                    result.ruleSet().models().keySet(), result.ruleSet().ruleFiles().size());
            result.problems().forEach(p -> LOG.warn("Rule set " + snapshot.version() + ": " + p));
        } else {
            report = new ReloadReport(Instant.now(), ReloadReport.Outcome.REJECTED, snapshot.version(), millis, result.problems());
            RuleSet current = live.get();
            LOG.errorf("Rejected rule set %s (%d problems); %s", snapshot.version(), result.errors().size(),
                    current == null ? "no rule set is loaded" : "still serving " + current.version());
            result.problems().forEach(p -> LOG.error("Rule set " + snapshot.version() + ": " + p));
        }
        lastReport = report;
        return report;
    }
}
