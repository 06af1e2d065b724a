package org.leadscoring.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.PackagedInstances;
import org.leadscoring.crm.zoho.FakeZoho;

/**
 * Two instances on one PostgreSQL database receive the same new person at the same moment — a form fill on one,
 * a newsletter signup on the other, as Zapier fires them: neither fails, both activities are stored, and the person
 * ends as one prospect and one Zoho record.
 */
class ConcurrentIntakeIT {

    final FakeZoho zoho = new FakeZoho();
    final PackagedInstances instances = new PackagedInstances("concurrent-intake", zoho);
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws IOException {
        instances.close();
        zoho.close();
    }

    private int post(String base, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", "cluster-key")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void givenTheSameNewPersonOnTwoInstancesAtOnce_thenNeitherFails_andTheyEndAsOneRecord() throws Exception {
        String a = instances.start("a", true);
        String b = instances.start("b", false);
        int people = 25;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < people; i++) {
                String email = "same" + i + "@northwind.io";
                CyclicBarrier together = new CyclicBarrier(2);
                answers.add(pool.submit(() -> {
                    together.await();
                    return post(a, "/api/zapier/prospects", "{\"email\":\"" + email + "\",\"last_name\":\"Same\",\"activity\":\"web_form\"}");
                }));
                answers.add(pool.submit(() -> {
                    together.await();
                    return post(b, "/api/zapier/activities", "{\"email\":\"" + email + "\",\"type\":\"newsletter_signup\"}");
                }));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isIn(200, 202);
            }
        } finally {
            pool.shutdown();
        }

        try (Connection c = DriverManager.getConnection(PackagedInstances.PG, "postgres", "")) {
            for (int i = 0; i < people; i++) {
                String email = "same" + i + "@northwind.io";
                assertThat(count(c, "SELECT COUNT(*) FROM prospect WHERE email = ?", email)).as(email).isEqualTo(1);
                assertThat(count(c, "SELECT COUNT(*) FROM activity WHERE email = ?", email)).as(email).isEqualTo(2);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> count(c, "SELECT COUNT(*) FROM work_item WHERE kind = 'intake' AND done_at IS NULL", null) == 0);
        }
        for (int i = 0; i < people; i++) {
            String email = "same" + i + "@northwind.io";
            long records = zoho.records("Leads").values().stream().filter(r -> email.equals(r.path("Email").asText())).count()
                    + zoho.records("Contacts").values().stream().filter(r -> email.equals(r.path("Email").asText())).count();
            assertThat(records).as(email).isEqualTo(1);
        }
    }

    private static long count(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
