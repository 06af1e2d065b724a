package org.leadscoring.rescoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.crm.zoho.FakeZoho;

/**
 * Two instances of the packaged service share one PostgreSQL database and one schedule (every four seconds): each
 * firing is run by exactly one of them.
 */
class ScheduleClusterIT {

    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    final FakeZoho zoho = new FakeZoho();
    final List<Process> instances = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        instances.forEach(Process::destroyForcibly);
        zoho.close();
    }

    @Test
    void givenTwoInstancesOnOneDatabase_thenEachScheduledFiringRunsOnce() throws Exception {
        for (int i = 0; i < 50; i++) {
            zoho.seed("Leads", Map.of("Email", "c" + i + "@cluster.io", "Last_Name", "C" + i));
        }
        start("a", true);
        start("b", false);

        Thread.sleep(14_000);
        instances.forEach(Process::destroyForcibly);
        for (Process p : instances) {
            p.waitFor();
        }

        List<long[]> firings = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT scheduled_for, COUNT(*) FROM rescoring_run WHERE trigger_kind = 'schedule' GROUP BY scheduled_for")) {
            while (rs.next()) {
                firings.add(new long[] { rs.getTimestamp(1).getTime(), rs.getLong(2) });
            }
        }
        assertThat(firings).hasSizeGreaterThanOrEqualTo(2);
        assertThat(firings).allSatisfy(f -> assertThat(f[1]).as("runs for the firing at %d", f[0]).isEqualTo(1));
        String logs = Files.readString(log("a")) + Files.readString(log("b"));
        assertThat(logs).contains("is run by another instance");
    }

    private void start(String name, boolean cleanDatabase) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("cluster-" + name);
        Files.deleteIfExists(log(name));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=pg", "-Dquarkus.http.port=" + port, "-Dleadscoring.data-dir=" + data, "-Dleadscoring.api-key=cluster-key",
                "-Dquarkus.datasource.postgresql.jdbc.url=" + PG, "-Dquarkus.datasource.postgresql.username=postgres",
                "-Dquarkus.flyway.postgresql.clean-at-start=" + cleanDatabase, "-Dquarkus.flyway.postgresql.clean-disabled=false",
                "-Drescoring.cron=0/4 * * * * ?", "-Dquarkus.log.category.\"org.leadscoring.rescoring\".level=DEBUG",
                "-Dzoho.accounts-url=" + zoho.url(), "-Dzoho.api-url=" + zoho.url(), "-Dzoho.client-id=" + FakeZoho.CLIENT_ID,
                "-Dzoho.client-secret=" + FakeZoho.CLIENT_SECRET, "-Dzoho.refresh-token=" + FakeZoho.REFRESH_TOKEN,
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
        instances.add(p);
        String ready = "http://127.0.0.1:" + port + "/q/health/ready";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create(ready)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static Path log(String name) throws IOException {
        return Path.of("target", "schedule-cluster-" + name + ".log");
    }
}
