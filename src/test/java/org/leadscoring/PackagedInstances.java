package org.leadscoring;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.leadscoring.crm.zoho.FakeZoho;

/**
 * Instances of the packaged service ({@code target/quarkus-app}) sharing the tests' PostgreSQL database and one
 * fake Zoho, as production runs them; each logs to {@code target/<prefix>-<name>.log}.
 */
public final class PackagedInstances implements AutoCloseable {

    public static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String prefix;
    private final FakeZoho zoho;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    public PackagedInstances(String prefix, FakeZoho zoho) {
        this.prefix = prefix;
        this.zoho = zoho;
    }

    /**
     * Starts one instance and waits until it is ready.
     *
     * @param cleanDatabase whether Flyway empties the database first (the first instance of a test)
     * @param extra         more {@code -D} options
     * @return the instance's base URL
     */
    public String start(String name, boolean cleanDatabase, String... extra) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory(prefix + "-" + name);
        Files.deleteIfExists(log(name));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=pg", "-Dquarkus.http.port=" + port, "-Dleadscoring.data-dir=" + data, "-Dleadscoring.api-key=cluster-key",
                "-Dquarkus.datasource.postgresql.jdbc.url=" + PG, "-Dquarkus.datasource.postgresql.username=postgres",
                "-Dquarkus.flyway.postgresql.clean-at-start=" + cleanDatabase, "-Dquarkus.flyway.postgresql.clean-disabled=false",
                "-Dzoho.accounts-url=" + zoho.url(), "-Dzoho.api-url=" + zoho.url(), "-Dzoho.client-id=" + FakeZoho.CLIENT_ID,
                "-Dzoho.client-secret=" + FakeZoho.CLIENT_SECRET, "-Dzoho.refresh-token=" + FakeZoho.REFRESH_TOKEN));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
        processes.add(p);
        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200);
        return base;
    }

    public Path log(String name) {
        return Path.of("target", prefix + "-" + name + ".log");
    }

    /** Stops every instance and waits for it to exit. */
    public void stopAll() throws InterruptedException {
        processes.forEach(Process::destroyForcibly);
        for (Process p : processes) {
            p.waitFor();
        }
    }

    @Override
    public void close() throws IOException {
        processes.forEach(Process::destroyForcibly);
    }
}
