package org.leadscoring.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The calibration report over 100,000 prospects with a score history and outcomes: the packaged service's database is
 * filled with generated prospects (each scored once or twice, some qualifying, with 4 to 8 contributions) and deals for
 * a fifth of them, then {@code GET /api/reports/calibration} is timed, against reading the same prospects' score history
 * one by one for a hundred of them (what a report without it would cost per prospect). Run from the project folder:
 * {@code bench/run calibration [PROSPECTS]}.
 */
public final class CalibrationBenchmark {

    private static final int PORT = 18083;
    private static final String[] RULES = { "VP-level title", "Large company", "Business email domain", "Core market", "Web form submitted",
            "Webinar attended", "Demo requested", "Pricing page visits", "Newsletter signup", "Target industry" };

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
        Path data = Path.of("target/bench-calibration-data");
        BenchService.deleteTree(data);
        BenchService.start(PORT, data, "calibration", List.of()).close();
        System.out.printf(Locale.ROOT, "storing %,d prospects with their score history and outcomes%n", count);
        store(data, count);
        try (BenchService service = BenchService.start(PORT, data, "calibration", List.of())) {
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                JsonNode report = service.call("GET", "/api/reports/calibration", null).path("calibration");
                double seconds = (System.nanoTime() - start) / 1e9;
                long one = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    service.call("GET", "/api/prospects/p" + i + "@bench.example/history", null);
                }
                double perHistory = (System.nanoTime() - one) / 1e9 / 100;
                System.out.printf(Locale.ROOT, "round %d: report on %,d prospects (%,d with an outcome) in %.2f s = %.1f µs a prospect; "
                        + "one prospect's history read %.2f ms: the report costs %.3f history reads a prospect; AUC %s%n", round,
                        report.path("prospects").asInt(), report.path("with_outcome").asInt(), seconds, seconds * 1e6 / count, perHistory * 1e3,
                        seconds / count / perHistory, report.path("auc").path("value").asText());
            }
        }
    }

    private static void store(Path data, int count) throws Exception {
        Random random = new Random(7);
        ObjectMapper json = new ObjectMapper();
        Instant base = Instant.parse("2026-06-01T00:00:00Z");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:./" + data + "/leadscoring", "sa", "")) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO prospect (email, data, zoho_module, zoho_id, qualified, armed, created_at, "
                    + "updated_at) VALUES (?, '{}', 'Contacts', ?, ?, TRUE, ?, ?)");
                    PreparedStatement h = c.prepareStatement("INSERT INTO score_history (email, scored_at, source, intake_id, model, ruleset_version, "
                            + "fit, engagement, total, grade, qualified, decision, contributions) VALUES (?, ?, 'intake', 'bench', 'b2b', 'bench', ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement d = c.prepareStatement("INSERT INTO outcome_deal (deal_id, email, contact_id, stage, forecast_type, amount, "
                            + "closing_date, updated_at) VALUES (?, ?, ?, ?, ?, ?, DATE '2026-11-30', ?)")) {
                for (int n = 0; n < count; n++) {
                    String email = "p" + n + "@bench.example";
                    Timestamp at = Timestamp.from(base.plus(Duration.ofMinutes(random.nextInt(180 * 24 * 60))));
                    int entries = 1 + random.nextInt(2);
                    boolean qualified = false;
                    int total = 0;
                    for (int e = 0; e < entries; e++) {
                        List<java.util.Map<String, Object>> contributions = new ArrayList<>();
                        int fit = 0;
                        int engagement = 0;
                        for (int k = 0; k < 4 + random.nextInt(5); k++) {
                            int points = 5 + random.nextInt(16);
                            boolean fitAxis = k % 2 == 0;
                            fit += fitAxis ? points : 0;
                            engagement += fitAxis ? 0 : points;
                            contributions.add(java.util.Map.of("rule", RULES[random.nextInt(RULES.length)], "axis", fitAxis ? "fit" : "engagement",
                                    "points", points, "reason", "bench"));
                        }
                        total = fit + engagement;
                        qualified = fit >= 40 && engagement >= 30;
                        h.setString(1, email);
                        h.setTimestamp(2, Timestamp.from(at.toInstant().plus(Duration.ofDays(e))));
                        h.setInt(3, fit);
                        h.setInt(4, engagement);
                        h.setInt(5, total);
                        h.setString(6, total >= 110 ? "A" : total >= 80 ? "B" : total >= 50 ? "C" : total >= 25 ? "D" : "E");
                        h.setBoolean(7, qualified);
                        h.setString(8, qualified ? "convert_lead" : "update_lead");
                        h.setString(9, json.writeValueAsString(contributions));
                        h.addBatch();
                    }
                    p.setString(1, email);
                    p.setString(2, "c" + n);
                    p.setBoolean(3, qualified);
                    p.setTimestamp(4, at);
                    p.setTimestamp(5, at);
                    p.addBatch();
                    if (random.nextInt(5) == 0) {
                        // Higher scores win more often, so the report has something to find.
                        boolean won = random.nextInt(150) < total;
                        d.setString(1, "d" + n);
                        d.setString(2, email);
                        d.setString(3, "c" + n);
                        d.setString(4, won ? "Closed Won" : "Closed Lost");
                        d.setString(5, won ? "won" : "lost");
                        d.setBigDecimal(6, new BigDecimal(1000 + random.nextInt(9000)));
                        d.setTimestamp(7, at);
                        d.addBatch();
                    }
                    if ((n + 1) % 1000 == 0) {
                        p.executeBatch();
                        h.executeBatch();
                        d.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                h.executeBatch();
                d.executeBatch();
                c.commit();
            }
        }
    }
}
