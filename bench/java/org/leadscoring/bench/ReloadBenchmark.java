package org.leadscoring.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.leadscoring.scoring.ruleset.ReloadReport;
import org.leadscoring.scoring.ruleset.RuleSet;
import org.leadscoring.scoring.ruleset.RuleSetBuilder;
import org.leadscoring.scoring.ruleset.RuleSetRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time to compile and swap in a rule set of 50, 200 and 1,000 rules, as the service does when a rule file
 * changes: read the files, compile them to the executable model, check the model, swap. Each measured
 * reload follows an edit of one rule file. {@link #main} then measures the heap a loaded rule set keeps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = { "-Xmx2g", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager" })
public class ReloadBenchmark {

    @Param({ "50", "200", "1000" })
    public int rules;

    private RuleSetRegistry registry;
    private Path edited;
    private int edits;

    @Setup
    public void setUp() throws IOException {
        Logging.quiet();
        Path root = Files.createTempDirectory("reload-bench");
        GeneratedRules.write(root, rules);
        registry = new RuleSetRegistry(root.resolve("rules"), root.resolve("scoring-models"), new RuleSetBuilder("gen", 50_000), Duration.ZERO);
        edited = root.resolve("rules/gen/rules-000.drl");
    }

    /** An edit of one rule file before each reload, so every reload has something new to compile. */
    @Setup(Level.Invocation)
    public void edit() throws IOException {
        Files.writeString(edited, Files.readString(edited) + "\n// edit " + (++edits) + "\n");
    }

    @Benchmark
    public ReloadReport reload() {
        ReloadReport report = registry.reload();
        if (report.outcome() != ReloadReport.Outcome.LOADED) {
            throw new IllegalStateException("the generated rules did not load: " + report.problems());
        }
        return report;
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().parent(new CommandLineOptions(args)).include(ReloadBenchmark.class.getName() + ".*").build()).run();
        heapPerThousandRules();
    }

    /** The heap one loaded rule set of 1,000 rules keeps, against the empty registry: measured after full GCs. */
    private static void heapPerThousandRules() throws IOException, InterruptedException {
        Logging.quiet();
        Path root = Files.createTempDirectory("heap-bench");
        GeneratedRules.write(root, 1000);
        RuleSetRegistry registry = new RuleSetRegistry(root.resolve("rules"), root.resolve("scoring-models"), new RuleSetBuilder("gen", 50_000),
                Duration.ZERO);
        registry.reload();
        registry = new RuleSetRegistry(root.resolve("rules"), root.resolve("scoring-models"), new RuleSetBuilder("gen", 50_000), Duration.ZERO);
        long before = usedAfterGc();
        registry.reload();
        RuleSet loaded = registry.current().orElseThrow();
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "%nheap kept by a loaded rule set of 1,000 rules: %.1f MB (%s)%n", (after - before) / 1e6,
                loaded.version());
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
