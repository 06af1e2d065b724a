package org.leadscoring.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Re-scores open Leads held by the fake Zoho (the one the tests use) with the packaged service, and counts what each
 * run costs against its floor, {@code calls × latency / concurrency}:
 * <ol>
 * <li>COQL reader (the default): a full run with every score changed, then an incremental run after "a night" in which
 * 1% of the Leads were edited in Zoho and 5% have recent activities; with no latency, then with 100 ms per call;</li>
 * <li>the page reader (today's fallback): the same full run, with no latency and with 100 ms per call.</li>
 * </ol>
 * Run from the project folder after {@code mvn package}: {@code bench/run rescoring [LEADS] [LATENCY_MS] [coql]} ({@code coql}: the
 * COQL reader only, for a million Leads where the page reader's chain of 5,000 reads would take most of the time).
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
        boolean coqlOnly = args.length > 2 && args[2].equals("coql");
        List<Figures> figures = new ArrayList<>();
        try (FakeZoho zoho = new FakeZoho()) {
            // The tests check every request against Zoho's OpenAPI files; here that check would cost more than the service.
            zoho.validating(false);
            System.out.printf(Locale.ROOT, "seeding %,d open Leads in the fake Zoho%n", leads);
            List<String> emails = new ArrayList<>();
            for (Sample s : SampleProspects.generate(leads, 11)) {
                zoho.seed("Leads", leadFields(s.prospect()));
                emails.add(s.prospect().email());
            }
            Path data = Path.of("target/bench-rescoring-data");
            BenchService.deleteTree(data);
            List<String> settings = List.of("zoho.accounts-url=" + zoho.url(), "zoho.api-url=" + zoho.url(), "zoho.client-id=" + FakeZoho.CLIENT_ID,
                    "zoho.client-secret=" + FakeZoho.CLIENT_SECRET, "zoho.refresh-token=" + FakeZoho.REFRESH_TOKEN, "zoho.max-concurrent-calls=" + CONCURRENCY);
            // The service creates its database; the activities go in while it is stopped, as if intakes had stored them.
            BenchService.start(PORT, data, "rescoring", settings).close();
            recentActivities(data, emails, leads / 20);
            try (BenchService service = BenchService.start(PORT, data, "rescoring", settings)) {
                figures.add(run("COQL full, all changed, no latency", service, zoho, "{\"full\": true}", latency, Duration.ZERO));
                nightWithEdits(zoho, leads / 100);
                figures.add(run("COQL incremental, no latency", service, zoho, "{}", latency, Duration.ZERO));
                clearScores(zoho);
                figures.add(run("COQL full, all changed, " + latency.toMillis() + " ms", service, zoho, "{\"full\": true}", latency, latency));
                nightWithEdits(zoho, leads / 100);
                figures.add(run("COQL incremental, " + latency.toMillis() + " ms", service, zoho, "{}", latency, latency));
            }
            List<String> pages = new ArrayList<>(settings);
            pages.add("rescoring.reader=pages");
            if (!coqlOnly) {
                try (BenchService service = BenchService.start(PORT, data, "rescoring-pages", pages)) {
                    clearScores(zoho);
                    figures.add(run("pages full, all changed, no latency", service, zoho, "{}", latency, Duration.ZERO));
                    clearScores(zoho);
                    figures.add(run("pages full, all changed, " + latency.toMillis() + " ms", service, zoho, "{}", latency, latency));
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-38s %9s %7s %7s %7s %8s %8s %9s %9s %6s%n", "run", "scanned", "calls", "reads", "writes", "rd cred",
                "wr cred", "cred/1k", "wall s", "ratio");
        for (Figures f : figures) {
            System.out.printf(Locale.ROOT, "%-38s %,9d %,7d %,7d %,7d %,8d %,8d %9.2f %9.1f %6s%n", f.title, f.scanned, f.calls, f.reads, f.writes,
                    f.readCredits, f.writeCredits, 1000.0 * (f.readCredits + f.writeCredits) / Math.max(1, f.scanned), f.seconds,
                    f.floor == 0 ? "-" : String.format(Locale.ROOT, "%.2f", f.seconds / f.floor));
        }
        System.out.printf(Locale.ROOT, "ratio: wall time against calls × latency / %d in flight%n", CONCURRENCY);
    }

    /** What one run cost: counted by the fake Zoho (calls) and by the run's record (credits). */
    record Figures(String title, double seconds, long scanned, long changed, long reads, long writes, long calls, long readCredits,
            long writeCredits, double floor) {
    }

    private static Figures run(String title, BenchService service, FakeZoho zoho, String body, Duration latency, Duration now)
            throws IOException, InterruptedException {
        zoho.latency(now);
        zoho.clearRequests();
        long start = System.nanoTime();
        JsonNode run = service.call("POST", "/api/rescoring/runs", body.replace("{", "{\"max_credits\": 10000000" + (body.equals("{}") ? "" : ", ")));
        String id = run.path("id").asText();
        while (run.path("state").asText().equals("running")) {
            Thread.sleep(200);
            run = service.call("GET", "/api/rescoring/runs/" + id, null).path("run");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long reads = zoho.requests().stream().filter(r -> r.path().equals("/crm/v8/Leads") && r.method().equals("GET")
                || r.path().equals("/crm/v8/coql") && r.json().path("select_query").asText().contains("from Leads where (")).count();
        long writes = zoho.requests("PUT", "/crm/v8/Leads").size();
        long calls = zoho.requests().stream().filter(r -> r.path().startsWith("/crm/")).count();
        Figures f = new Figures(title, seconds, run.path("scanned").asLong(), run.path("changed").asLong(), reads, writes, calls,
                run.path("read_credits").asLong(), run.path("write_credits").asLong(), calls * now.toMillis() / 1000.0 / CONCURRENCY);
        System.out.printf(Locale.ROOT, "%-38s %s (%s, %s) in %.1f s: %,d scanned (%s candidates), %,d changed; %,d calls (%,d reads, %,d writes), "
                + "%d read and %d write credits%n", title, run.path("state").asText(), run.path("mode").asText(), run.path("reader").asText(), seconds,
                f.scanned, run.path("candidates").asText("-"), f.changed, calls, reads, writes, f.readCredits, f.writeCredits);
        if (!run.path("state").asText().equals("completed")) {
            throw new IllegalStateException("the run did not complete: " + run);
        }
        return f;
    }

    /** {@code n} of the people have an activity in the last ten days, stored in the service's database. */
    private static void recentActivities(Path data, List<String> emails, int n) throws Exception {
        System.out.printf(Locale.ROOT, "storing %,d recent activities%n", n);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:./" + data + "/leadscoring", "sa", "");
                java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO activity (email, type, occurred_at, intake_id) VALUES (?, ?, ?, 'bench')")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, emails.get(i * (emails.size() / n)));
                ps.setString(2, "webinar_attended");
                ps.setTimestamp(3, java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(1 + i % 10))));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A night goes by: every modification so far is a day old (the runs here start minutes apart, a schedule a day
     * apart), then someone edits {@code edits} Leads in Zoho.
     */
    private static void nightWithEdits(FakeZoho zoho, int edits) {
        Map<String, ObjectNode> all = zoho.records("Leads");
        all.values().forEach(l -> l.put("Modified_Time", Instant.parse(l.path("Modified_Time").asText()).minus(Duration.ofDays(1)).toString()));
        List<ObjectNode> open = all.values().stream().filter(l -> !l.path("$converted").asBoolean(false)).toList();
        for (int i = 0; i < edits; i++) {
            open.get(i * (open.size() / edits)).put("Designation", i % 2 == 0 ? "VP Marketing" : "Intern").put("Modified_Time", Instant.now().toString());
        }
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
