package org.leadscoring.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.leadscoring.bench.SampleProspects.Sample;
import org.leadscoring.scoring.Evaluation;
import org.leadscoring.scoring.ruleset.CompiledModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The shipped b2b model scored by Drools against the same model written by hand in Java
 * ({@link HandWrittenB2b}), one prospect per call (as {@code POST /api/score} does) and in batches of 1,000
 * (as re-scoring does: a page of leads scored one after another). Scores are nanoseconds per prospect in both
 * modes. Sessions come from the model's pool in both; batch mode differs by working through the prospects in
 * order, as re-scoring does, rather than one per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager" })
public class EngineBenchmark {

    static final int BATCH = 1_000;

    private CompiledModel drools;
    private HandWrittenB2b java;
    private List<Sample> samples;
    private int next;

    @Setup
    public void setUp() {
        Logging.quiet();
        drools = ShippedModel.b2b();
        java = new HandWrittenB2b(drools);
        samples = SampleProspects.generate(BATCH, 42);
    }

    private Sample next() {
        Sample sample = samples.get(next);
        next = next + 1 == samples.size() ? 0 : next + 1;
        return sample;
    }

    /** Runs the four benchmarks and prints ns per prospect and the Drools / Java ratios; JMH options may follow. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(EngineBenchmark.class.getName() + ".*").build();
        Map<String, Result<?>> scores = Ratios.byName(new Runner(options).run());
        System.out.println();
        System.out.println("Drools vs hand-written Java, ns per prospect (shipped b2b model, " + BATCH + " generated prospects):");
        System.out.println(Ratios.line("per request", scores.get("droolsPerRequest"), scores.get("javaPerRequest"), 3.0));
        System.out.println(Ratios.line("batch", scores.get("droolsBatch"), scores.get("javaBatch"), 2.0));
    }

    @Benchmark
    public Evaluation droolsPerRequest() {
        Sample s = next();
        return drools.evaluate(s.prospect(), s.activities(), SampleProspects.NOW);
    }

    @Benchmark
    public Evaluation javaPerRequest() {
        Sample s = next();
        return java.evaluate(s.prospect(), s.activities(), SampleProspects.NOW);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void droolsBatch(Blackhole blackhole) {
        for (Sample s : samples) {
            blackhole.consume(drools.evaluate(s.prospect(), s.activities(), SampleProspects.NOW));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void javaBatch(Blackhole blackhole) {
        for (Sample s : samples) {
            blackhole.consume(java.evaluate(s.prospect(), s.activities(), SampleProspects.NOW));
        }
    }
}
