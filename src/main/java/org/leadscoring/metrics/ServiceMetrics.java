package org.leadscoring.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.leadscoring.crm.Crm;
import org.leadscoring.crm.ProspectRecorded;
import org.leadscoring.jobs.WorkItem;
import org.leadscoring.jobs.WorkQueue;
import org.leadscoring.outcomes.OutcomeSyncRecord;
import org.leadscoring.outcomes.SyncRepository;
import org.leadscoring.rescoring.RunRepository;
import org.leadscoring.scoring.ScoringEngine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;

/**
 * What ops watch, in Micrometer's names (dots, base units; Prometheus shows {@code leadscoring_intakes_total},
 * {@code leadscoring_scoring_seconds}…) at {@code /q/metrics}. Counted where it happens: intakes by kind and outcome
 * ({@link #intake}), decisions recorded ({@link ProspectRecorded}, observed here), hook deliveries ({@link #delivery});
 * scoring time by the engine ({@code leadscoring.scoring}), CRM calls by operation and answer by the adapter
 * ({@code leadscoring.crm.calls}, on the global registry).
 * Read when scraped: the work queue's depth and oldest item per kind, the CRM's circuit, calls and credits, the last
 * re-scoring run's and outcome sync's progress, and the rule set version served.
 */
@Startup
@ApplicationScoped
public class ServiceMetrics {

    private final MeterRegistry registry;
    private final MultiGauge ruleSet;
    /** Held here: Micrometer keeps the objects its gauges and function counters read by weak references. */
    private final Crm crm;

    @Inject
    ServiceMetrics(MeterRegistry registry, WorkQueue queue, Crm crm, RunRepository runs, SyncRepository syncs, ScoringEngine engine) {
        this.registry = registry;
        this.crm = crm;
        for (WorkItem.Kind kind : WorkItem.Kind.values()) {
            Tags tags = Tags.of("kind", code(kind));
            Fresh<WorkQueue.Backlog> backlog = new Fresh<>(() -> queue.backlog(kind));
            Gauge.builder("leadscoring.queue.depth", backlog, b -> b.get().waiting()).tags(tags).strongReference(true)
                    .description("Work of this kind still to do (queued intakes are the outbox)").register(registry);
            Gauge.builder("leadscoring.queue.oldest.age", backlog, b -> b.get().oldestAge(Instant.now()).toMillis() / 1000.0).tags(tags)
                    .strongReference(true)
                    .baseUnit("seconds").description("How long the oldest work of this kind still to do has waited").register(registry);
        }
        Gauge.builder("leadscoring.crm.circuit.open", crm, c -> switch (c.circuit()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 0.5;
            case OPEN -> 1;
        }).strongReference(true).description("1 while calls to the CRM are held back (the circuit is open), 0.5 while one call probes it, 0 otherwise")
                .register(registry);
        FunctionCounter.builder("leadscoring.crm.credits.spent", crm, c -> c.usage().credits())
                .description("API credits the CRM charged since start").register(registry);
        Gauge.builder("leadscoring.crm.credits.remaining", crm, c -> c.usage().creditsRemaining() < 0 ? Double.NaN : c.usage().creditsRemaining())
                .strongReference(true).description("API credits the CRM last said remain in its 24-hour window (Zoho says so once half are used)")
                .register(registry);
        FunctionCounter.builder("leadscoring.crm.requests", crm, c -> c.usage().calls())
                .description("Calls answered by the CRM since start (retries included)").register(registry);
        progress("leadscoring.rescoring.leads", () -> runs.latest(1).stream().findFirst(), "Leads of the latest re-scoring run, by count",
                List.of(Count.of("scanned", run -> run.counts().scanned()), Count.of("changed", run -> run.counts().changed()),
                        Count.of("converted", run -> run.counts().converted()), Count.of("failed", run -> run.counts().failed()),
                        Count.of("total", run -> run.counts().total() == null ? Double.NaN : run.counts().total())));
        progress("leadscoring.outcomes.sync.records", () -> syncs.latest(1).stream().findFirst(), "Records the latest outcome sync read, by module",
                List.of(Count.<OutcomeSyncRecord>of("leads", OutcomeSyncRecord::leads), Count.<OutcomeSyncRecord>of("contacts", OutcomeSyncRecord::contacts),
                        Count.<OutcomeSyncRecord>of("deals", OutcomeSyncRecord::deals)));
        ruleSet = MultiGauge.builder("leadscoring.ruleset.served").description("1 for the rule set version this instance serves").register(registry);
        engine.current().ifPresent(set -> served(set.version()));
    }

    /** One count of a run's progress, read off its latest record. */
    private record Count<R>(String name, ToDoubleFunction<R> value) {
        static <R> Count<R> of(String name, ToDoubleFunction<R> value) {
            return new Count<>(name, value);
        }
    }

    private <R> void progress(String name, Supplier<Optional<R>> latest, String description, List<Count<R>> counts) {
        Fresh<Optional<R>> record = new Fresh<>(latest);
        for (Count<R> count : counts) {
            Gauge.builder(name, record, r -> r.get().map(count.value()::applyAsDouble).orElse(0.0)).tag("count", count.name()).strongReference(true)
                    .description(description).register(registry);
        }
    }

    /** How long a value read for the gauges is used again: the length of one scrape, not longer. */
    private static final long FRESH_FOR_NANOS = 250_000_000L;

    /**
     * A value read from the database at most once per scrape: the gauges one scrape reads off one record (a run's five
     * counts, a queue's depth and age) share one query. Gauges keep it by a strong reference (nothing else holds it).
     */
    private static final class Fresh<T> {
        private final Supplier<T> read;
        private T value;
        private long readAt;

        Fresh(Supplier<T> read) {
            this.read = read;
        }

        synchronized T get() {
            long now = System.nanoTime();
            if (value == null || now - readAt > FRESH_FOR_NANOS) {
                value = read.get();
                readAt = now;
            }
            return value;
        }
    }

    /** Counts an intake answered: {@code outcome} is done, queued, conflict, failed or replayed. */
    public void intake(String kind, String outcome) {
        Counter.builder("leadscoring.intakes").tags("kind", kind, "outcome", outcome).description("Intakes answered, by kind and outcome")
                .register(registry).increment();
    }

    /** Counts a wrong key or a refused sign-in: {@code key} is api (X-API-Key), admin (X-Admin-Key) or sign_in (a token the OIDC check refused). Never the key. */
    public void keyRefused(String key) {
        Counter.builder("leadscoring.keys.refused").tag("key", key).description("Wrong API or admin keys, and sign-ins, refused").register(registry).increment();
    }

    /** Counts a hook delivery: delivered, retried, gave_up or gone (the target answered 410). */
    public void delivery(String result) {
        Counter.builder("leadscoring.hooks.deliveries").tag("result", result).description("Hook events delivered to Zaps, by result")
                .register(registry).increment();
    }

    /** Counts each decision once it is recorded (after its CRM write succeeded), by decision and where it came from. */
    void recorded(@Observes ProspectRecorded r) {
        if (r.result() != null) {
            Counter.builder("leadscoring.decisions").tags("decision", r.result().decision().action().jsonName(), "source", r.origin().source())
                    .description("Decisions carried out in the CRM, by decision and source").register(registry).increment();
        }
    }

    /** Marks the rule set now served, and no other. */
    void served(@Observes ScoringEngine.RuleSetServed served) {
        served(served.version());
    }

    private void served(String version) {
        ruleSet.register(List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true);
    }

    private static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
