package org.leadscoring.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.leadscoring.bench.SampleProspects.Sample;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.scoring.Prospect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Re-scores open Leads held by the fake Zoho (the one the tests use, which checks every request against Zoho's
 * OpenAPI files) with the packaged service, and counts what it costs:
 * <ol>
 * <li>no latency, every lead's score changed: leads/s, reads and writes per lead;</li>
 * <li>no latency, nothing changed: reads only, zero writes;</li>
 * <li>100 ms per Zoho call, every lead's score changed: wall time against {@code calls × latency / concurrency}.</li>
 * </ol>
 * Run from the project folder after {@code mvn package}: {@code bench/run rescoring [LEADS]}.
 */
public final class RescoringBenchmark {

    private static final int PORT = 18081;
    private static final int CONCURRENCY = 5;

    public static void main(String[] args) throws Exception {
        try {
            measure(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        // The fake Zoho's HTTP threads would keep the JVM alive.
        System.exit(0);
    }

    private static void measure(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
        try (FakeZoho zoho = new FakeZoho()) {
            // The tests check every request against Zoho's OpenAPI files; here that check would cost more than the service.
            zoho.validating(false);
            System.out.printf(Locale.ROOT, "seeding %,d open Leads in the fake Zoho%n", leads);
            for (Sample s : SampleProspects.generate(leads, 11)) {
                zoho.seed("Leads", leadFields(s.prospect()));
            }
            Path data = Path.of("target/bench-rescoring-data");
            BenchService.deleteTree(data);
            try (BenchService service = BenchService.start(PORT, data, "rescoring", List.of("zoho.accounts-url=" + zoho.url(),
                    "zoho.api-url=" + zoho.url(), "zoho.client-id=" + FakeZoho.CLIENT_ID, "zoho.client-secret=" + FakeZoho.CLIENT_SECRET,
                    "zoho.refresh-token=" + FakeZoho.REFRESH_TOKEN))) {
                Figures changed = run("(a) no latency, all changed", service, zoho, leads);
                Figures unchanged = run("(a) no latency, none changed", service, zoho, leads);
                clearScores(zoho);
                zoho.latency(latency);
                Figures slow = run("(b) " + latency.toMillis() + " ms per call, all changed", service, zoho, leads);
                System.out.println();
                System.out.printf(Locale.ROOT, "(a) %,.0f leads/s; reads %.5f per lead (target ≤ %.5f); writes %.5f per changed lead (target ≤ 0.01); "
                        + "writes when unchanged: %d (target 0)%n", changed.leadsPerSecond(), changed.readsPerLead(), 1 / 200.0,
                        changed.writesPerChangedLead(), unchanged.writes);
                double limit = slow.calls * latency.toMillis() / 1000.0 / CONCURRENCY;
                double chain = slow.reads * latency.toMillis() / 1000.0;
                System.out.printf(Locale.ROOT, "(b) %.1f s for %d calls at %d ms and %d in flight: limit %.1f s, ratio %.2f (target ≤ 1.5); "
                        + "the page-token chain alone takes %d reads × %d ms = %.1f s%n", slow.seconds, slow.calls, latency.toMillis(),
                        CONCURRENCY, limit, slow.seconds / limit, slow.reads, latency.toMillis(), chain);
            }
        }
    }

    /** What one run cost, counted by the fake Zoho. */
    record Figures(double seconds, long scanned, long changed, long reads, long writes, long calls) {
        double leadsPerSecond() {
            return scanned / seconds;
        }

        double readsPerLead() {
            return (double) reads / scanned;
        }

        double writesPerChangedLead() {
            return changed == 0 ? 0 : (double) writes / changed;
        }
    }

    private static Figures run(String title, BenchService service, FakeZoho zoho, int leads) throws IOException, InterruptedException {
        zoho.clearRequests();
        long start = System.nanoTime();
        JsonNode run = service.call("POST", "/api/rescoring/runs", "{\"max_credits\": 10000000}");
        String id = run.path("id").asText();
        while (run.path("state").asText().equals("running") || run.path("state").asText().equals("pending")) {
            Thread.sleep(200);
            run = service.call("GET", "/api/rescoring/runs/" + id, null).path("run");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long reads = zoho.requests("GET", "/crm/v8/Leads").stream().filter(r -> r.path().equals("/crm/v8/Leads")).count();
        long writes = zoho.requests("PUT", "/crm/v8/Leads").size();
        long calls = zoho.requests().stream().filter(r -> r.path().startsWith("/crm/")).count();
        Figures f = new Figures(seconds, run.path("scanned").asLong(), run.path("changed").asLong(), reads, writes, calls);
        System.out.printf(Locale.ROOT, "%-36s %s in %.1f s: %d scanned, %d changed, %d unchanged; %d Zoho calls (%d reads, %d writes), %d credits%n",
                title, run.path("state").asText(), seconds, f.scanned, f.changed, run.path("unchanged").asLong(), calls, reads, writes,
                run.path("credits").asLong());
        if (f.scanned != leads) {
            throw new IllegalStateException("the run scanned " + f.scanned + " of " + leads + " leads: " + run);
        }
        return f;
    }

    private static Map<String, Object> leadFields(Prospect p) {
        Map<String, Object> f = new HashMap<>();
        f.put("Email", p.email());
        f.put("First_Name", p.firstName());
        f.put("Last_Name", p.lastName() == null ? "Unknown" : p.lastName());
        f.put("Company", p.company());
        f.put("Designation", p.title());
        f.put("Phone", p.phone());
        f.put("Country", p.country());
        f.put("Industry", p.industry());
        f.put("No_of_Employees", p.employeeCount());
        f.put("Annual_Revenue", p.annualRevenue());
        f.values().removeIf(v -> v == null);
        return f;
    }

    /** Blanks every lead's score fields, so the next run finds them all changed. */
    private static void clearScores(FakeZoho zoho) {
        for (ObjectNode lead : zoho.records("Leads").values()) {
            lead.remove(List.of("Lead_Score", "Lead_Grade", "Score_Explanation"));
        }
    }

}
