package org.leadscoring.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.leadscoring.bench.SampleProspects.Sample;
import org.leadscoring.scoring.Activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The rules workbench's impact preview over 100,000 stored prospects: the packaged service's database is filled
 * with generated prospects and their activities, a draft adds a rule and changes a weight, and
 * {@code POST /api/workbench/drafts/{id}/impact} is timed. Run from the project folder: {@code bench/run impact [PROSPECTS]}.
 */
public final class ImpactBenchmark {

    private static final int PORT = 18082;

    public static void main(String[] args) throws Exception {
        try {
            measure(args.length > 0 ? Integer.parseInt(args[0]) : 100_000);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void measure(int count) throws Exception {
        Path data = Path.of("target/bench-impact-data");
        BenchService.deleteTree(data);
        // The first start creates the database; the prospects go in while the service is stopped.
        BenchService.start(PORT, data, "impact", List.of()).close();
        System.out.printf(Locale.ROOT, "storing %,d prospects with their activities%n", count);
        store(data, SampleProspects.generate(count * 2, 5), count);
        try (BenchService service = BenchService.start(PORT, data, "impact", List.of())) {
            ObjectMapper json = new ObjectMapper();
            String fit = service.call("GET", "/api/workbench/files/rules/b2b/fit.drl", null).path("content").asText();
            String changed = fit.replace("@fit(10) @reason(\"Target industry", "@fit(12) @reason(\"Target industry")
                    + "\nrule \"Named account\"\n    @fit(7) @reason(\"A named account\")\nwhen\n    Prospect( company == \"Globex\" )\nthen end\n";
            String draft = service.call("POST", "/api/workbench/drafts", json.writeValueAsString(Map.of("files", Map.of("rules/b2b/fit.drl", changed))))
                    .path("id").asText();
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                JsonNode impact = service.call("POST", "/api/workbench/drafts/" + draft + "/impact", null);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: %,d prospects in %.2f s (service: %,d ms): %,d changed, %,d change grade, "
                        + "%,d newly qualified, %,d no longer%n", round, impact.path("prospects").asInt(), seconds, impact.path("millis").asLong(),
                        impact.path("changed").asInt(), impact.path("grade_changed").asInt(), impact.path("newly_qualified").asInt(),
                        impact.path("no_longer_qualified").asInt());
            }
        }
    }

    /** Stores the first {@code count} samples with distinct emails (the generator repeats some, as real traffic does). */
    private static void store(Path data, List<Sample> samples, int count) throws Exception {
        java.util.Set<String> seen = new java.util.HashSet<>();
        ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:./" + data + "/leadscoring", "sa", "")) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO prospect (email, data, zoho_module, zoho_id, qualified, armed,"
                    + " created_at, updated_at) VALUES (?, ?, 'Leads', ?, FALSE, TRUE, ?, ?)");
                    PreparedStatement a = c.prepareStatement(
                            "INSERT INTO activity (email, type, occurred_at, properties, intake_id) VALUES (?, ?, ?, NULL, 'bench')")) {
                int n = 0;
                for (Sample s : samples) {
                    String email = s.prospect().email();
                    if (n == count || !seen.add(email)) {
                        continue;
                    }
                    p.setString(1, email);
                    p.setString(2, json.writeValueAsString(s.prospect()));
                    p.setString(3, String.valueOf(5725767000000000000L + n));
                    p.setTimestamp(4, now);
                    p.setTimestamp(5, now);
                    p.addBatch();
                    for (Activity activity : s.activities()) {
                        a.setString(1, email);
                        a.setString(2, activity.type());
                        a.setTimestamp(3, Timestamp.from(activity.at()));
                        a.addBatch();
                    }
                    if (++n % 1000 == 0) {
                        p.executeBatch();
                        a.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                a.executeBatch();
                c.commit();
            }
        }
        if (!Files.exists(data.resolve("leadscoring.mv.db"))) {
            throw new IllegalStateException("no database in " + data);
        }
    }
}
