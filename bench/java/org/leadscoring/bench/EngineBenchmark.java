package org.leadscoring.bench;

import java.util.List;
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

/**
 * The shipped b2b model scored by Drools against the same model written by hand in Java
 * ({@link HandWrittenB2b}), one prospect per call (as {@code POST /api/score} does) and in batches of 1,000
 * (as re-scoring does). Scores are nanoseconds per prospect in both modes.
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
