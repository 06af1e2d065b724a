package org.leadscoring.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The packaged service ({@code target/quarkus-app}) started for a benchmark on its own port and data folder. */
final class BenchService implements AutoCloseable {

    static final String KEY = "bench-key";
    static final String ADMIN_KEY = "bench-admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final Process process;

    private BenchService(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts the service with these extra {@code -D} settings and waits until it is ready. */
    static BenchService start(int port, Path dataDir, String name, List<String> settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dquarkus.http.port=" + port, "-Dleadscoring.api-key=" + KEY, "-Dleadscoring.admin-key=bench:" + ADMIN_KEY,
                "-Dleadscoring.data-dir=./" + dataDir, "-Dleadscoring.limits.requests-per-second=1000000", "-Drescoring.enabled=false"));
        settings.forEach(s -> command.add("-D" + s));
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            // A CPU profile of the service: -Dbench.jfr=target/x.jfr, read with `jfr print --events jdk.ExecutionSample`.
            command.add("-XX:FlightRecorderOptions=stackdepth=256");
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        }
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = Path.of("target/bench-" + name + "-service.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 120; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new BenchService(port, process);
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(500);
        }
        process.destroy();
        throw new IllegalStateException("the service did not start; see " + log);
    }

    /** Calls the API with the intake key, or the admin key for {@code /api/workbench}; a non-2xx answer fails. */
    JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(path.startsWith("/api/workbench") ? "X-Admin-Key" : "X-API-Key", path.startsWith("/api/workbench") ? ADMIN_KEY : KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
