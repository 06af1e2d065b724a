package org.leadscoring.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.leadscoring.crm.zoho.FakeZoho;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Intakes while Zoho is down, then Zoho back: how fast each intake is acknowledged once the circuit is open, and
 * how many queued intakes per second reach Zoho after recovery, against the limit {@code max-concurrent-calls}
 * sets ({@code in flight / (Zoho calls per intake × latency)}), without latency and with 100 ms per call.
 * {@code bench/run outbox [INTAKES]}.
 */
public final class OutboxBenchmark {

    private static final int PORT = 18083;
    private static final int SENDERS = 20;
    private static final int IN_FLIGHT = 5;
    private static final String DOWN = "{\"code\":\"INTERNAL_ERROR\",\"message\":\"down\",\"status\":\"error\",\"details\":{}}";

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Logging.quiet();
        int intakes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        for (Duration latency : List.of(Duration.ZERO, Duration.ofMillis(100))) {
            measure(intakes, latency);
        }
        // The fake Zoho's HTTP server leaves a non-daemon thread behind.
        System.exit(0);
    }

    private static void measure(int intakes, Duration latency) throws Exception {
        try (FakeZoho zoho = new FakeZoho()) {
            zoho.validating(false);
            Path data = Path.of("target/bench-outbox-data");
            BenchService.deleteTree(data);
            try (BenchService service = BenchService.start(PORT, data, "outbox", List.of("zoho.accounts-url=" + zoho.url(),
                    "zoho.api-url=" + zoho.url(), "zoho.client-id=" + FakeZoho.CLIENT_ID, "zoho.client-secret=" + FakeZoho.CLIENT_SECRET,
                    "zoho.refresh-token=" + FakeZoho.REFRESH_TOKEN, "zoho.max-concurrent-calls=" + IN_FLIGHT, "zoho.circuit.delay=2s",
                    "leadscoring.jobs.interval=250ms", "leadscoring.outbox.first-retry=1s"))) {
                // One intake while Zoho answers, so the token and the first connection are in place.
                service.call("POST", "/api/zapier/prospects", "{\"email\":\"warm@outbox.io\",\"last_name\":\"W\"}");
                zoho.latency(latency);
                zoho.failNext(Integer.MAX_VALUE, r -> r.path().startsWith("/crm/"), 503, DOWN);

                List<Long> ackMillis = Collections.synchronizedList(new ArrayList<>());
                List<String> ids = Collections.synchronizedList(new ArrayList<>());
                ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
                List<Future<?>> sent = new ArrayList<>();
                long sendStart = System.nanoTime();
                for (int i = 0; i < intakes; i++) {
                    String body = "{\"email\":\"q" + i + "@outbox.io\",\"last_name\":\"Q" + i + "\",\"activity\":\"webinar_attended\"}";
                    sent.add(senders.submit(() -> {
                        long t = System.nanoTime();
                        JsonNode answer = service.call("POST", "/api/zapier/prospects", body);
                        ackMillis.add((System.nanoTime() - t) / 1_000_000);
                        ids.add(answer.path("id").asText());
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
                senders.shutdown();
                List<Long> acks = new ArrayList<>(ackMillis);
                Collections.sort(acks);

                long before = zoho.requests().size();
                zoho.clearFaults();
                long back = System.nanoTime();
                long closed = 0;
                while (true) {
                    if (closed == 0 && "closed".equals(circuit(service))) {
                        closed = System.nanoTime();
                    }
                    long done = ids.stream().filter(id -> status(service, id).equals("done")).count();
                    if (done == ids.size()) {
                        break;
                    }
                    Thread.sleep(100);
                }
                long end = System.nanoTime();
                double drain = (end - (closed == 0 ? back : closed)) / 1e9;
                long calls = zoho.requests().stream().skip(before).filter(r -> r.path().startsWith("/crm/")).count();
                double callsPerIntake = (double) calls / intakes;
                System.out.printf(Locale.ROOT, "%n== Zoho latency %d ms: %d intakes sent %d at a time while Zoho is down ==%n", latency.toMillis(),
                        intakes, SENDERS);
                System.out.printf(Locale.ROOT, "acknowledged in %.1f s: ack p50 %d ms, p99 %d ms, max %d ms%n", sendSeconds, pct(acks, 0.5),
                        pct(acks, 0.99), acks.get(acks.size() - 1));
                System.out.printf(Locale.ROOT, "Zoho back: circuit closed after %.1f s; all %d delivered %.1f s after that: %.1f intakes/s, "
                        + "%.1f Zoho calls per intake%n", ((closed == 0 ? end : closed) - back) / 1e9, intakes, drain, intakes / drain, callsPerIntake);
                if (!latency.isZero()) {
                    double limit = IN_FLIGHT / (callsPerIntake * latency.toMillis() / 1000.0);
                    System.out.printf(Locale.ROOT, "limit with %d calls in flight at %d ms: %.1f intakes/s; reached %.0f%%%n", IN_FLIGHT,
                            latency.toMillis(), limit, 100 * (intakes / drain) / limit);
                }
            }
        }
    }

    private static String circuit(BenchService service) {
        try {
            for (JsonNode check : service.call("GET", "/q/health/ready", null).path("checks")) {
                if ("zoho".equals(check.path("name").asText())) {
                    return check.path("data").path("circuit").asText();
                }
            }
        } catch (Exception e) {
            return "";
        }
        return "";
    }

    private static String status(BenchService service, String id) {
        try {
            return service.call("GET", "/api/intakes/" + id, null).path("status").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
