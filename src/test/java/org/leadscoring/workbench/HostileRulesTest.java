package org.leadscoring.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.LogCapture;
import org.leadscoring.TestApi;
import org.leadscoring.scoring.Fixtures;
import org.leadscoring.scoring.ruleset.language.HostileCorpus;
import org.leadscoring.scoring.ruleset.language.SandboxCorpus;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The hostile corpus ({@code fixtures/hostile}) against every way a rule reaches the service: workbench validate,
 * a draft's test, impact and publish, and a file dropped into the rules folder while it runs. Each file is
 * refused at its line and column, and none of them runs: the canary file is not written, the canary file's
 * content and the admin secret appear in no answer and no log line, and live scoring does not change.
 */
@QuarkusTest
@TestProfile(HostileRulesTest.Profile.class)
class HostileRulesTest {

    static {
        TestApi.useKey();
    }

    static final String SECRET = "canary-admin-secret-4f1c9e";
    static final String READABLE_CONTENT = "canary-file-content-8d2e71";
    /** A secret in the service's system properties, where a rule that ran code would read it. */
    static final String ZOHO_SECRET = "canary-system-secret-31b7a0";

    static {
        // Outside the service's own keys: its configuration refuses unknown leadscoring.* keys at every later boot.
        System.setProperty("sandbox.canary-secret", ZOHO_SECRET);
    }

    @org.junit.jupiter.api.AfterAll
    static void forgetTheSecret() {
        System.clearProperty("sandbox.canary-secret");
    }
    static final String PROBE = "{\"prospect\":{\"email\":\"probe@sandbox-probe.io\",\"company\":\"" + SandboxCorpus.PROBE_COMPANY + "\"},"
            + "\"now\":\"2026-11-01T12:00:00Z\"}";
    static final Path WRITTEN = Path.of("target/hostile-canary-written");
    static final Path READABLE = Path.of("target/hostile-canary-readable");
    static final String SCORE = "{\"prospect\":{\"email\":\"vp@northwind.io\",\"title\":\"VP Marketing\",\"company\":\"Initrode\"},"
            + "\"activities\":[{\"type\":\"demo_request\",\"at\":\"2026-10-31T12:00:00Z\"}],\"now\":\"2026-11-01T12:00:00Z\"}";

    /** An admin key that is the secret the corpus tries to read, and a copy of the shipped rules to drop files into. */
    public static class Profile implements QuarkusTestProfile {
        static final Path ROOT = Fixtures.copyOfShippedRules("hostile-rules");

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadscoring.admin-key", "ops:" + SECRET,
                    "leadscoring.rules-dir", ROOT.resolve("rules").toString(),
                    "leadscoring.models-dir", ROOT.resolve("scoring-models").toString(),
                    "leadscoring.limits.failed-keys-per-minute", "5");
        }
    }

    private LogCapture log;
    private final List<String> answers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Files.deleteIfExists(WRITTEN);
        Files.writeString(READABLE, READABLE_CONTENT);
        log = LogCapture.start();
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    static RequestSpecification admin() {
        return given().header("X-Admin-Key", SECRET).contentType(ContentType.JSON);
    }

    private String answer(Response response, int status) {
        String body = response.then().statusCode(status).extract().asString();
        answers.add(body);
        return body;
    }

    private int liveScore() {
        return given().contentType(ContentType.JSON).body(SCORE).post("/api/score").then().statusCode(200).extract().path("score_card.total");
    }

    @Test
    void givenHostileRuleFiles_thenEachIsRefusedAtItsPositionOnEveryPath_andNoneOfThemRuns() throws Exception {
        Map<String, String[]> expected = HostileCorpus.refusals();
        List<Path> corpus = HostileCorpus.files();
        int before = liveScore();
        String liveVersion = given().get("/api/rules/status").then().statusCode(200).extract().path("version");

        for (Path file : corpus) {
            String name = file.getFileName().toString();
            Map<String, String> files = Map.of("rules/b2b/" + name, Files.readString(file));

            JsonPath validation = JsonPath.from(answer(admin().body(Map.of("files", files)).post("/api/workbench/validate"), 200));
            assertThat(validation.getBoolean("valid")).as(name).isFalse();
            assertThat(validation.getString("problems[0].file")).isEqualTo("b2b/" + name);
            assertThat(validation.getInt("problems[0].line") + ":" + validation.getInt("problems[0].column")).as(name)
                    .isEqualTo(expected.get(name)[0]);

            String draft = JsonPath.from(answer(admin().body(Map.of("files", files)).post("/api/workbench/drafts"), 201)).getString("id");
            answer(admin().body("{\"prospects\":[" + SCORE + "]}").post("/api/workbench/drafts/" + draft + "/test"), 422);
            answer(admin().post("/api/workbench/drafts/" + draft + "/impact"), 422);
            answer(admin().body(Map.of("message", "hostile")).post("/api/workbench/drafts/" + draft + "/publish"), 422);
            admin().delete("/api/workbench/drafts/" + draft).then().statusCode(204);
        }

        Path folder = Profile.ROOT.resolve("rules/b2b");
        for (Path file : corpus) {
            Files.copy(file, folder.resolve(file.getFileName()));
        }
        try {
            List<String> names = corpus.stream().map(f -> "b2b/" + f.getFileName()).toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonPath now = given().get("/api/rules/status").then().extract().jsonPath();
                return "rejected".equals(now.getString("last_reload.outcome")) && now.getList("last_reload.problems.file").containsAll(names);
            });
            JsonPath status = JsonPath.from(answer(given().get("/api/rules/status"), 200));
            for (Path file : corpus) {
                String name = file.getFileName().toString();
                String position = status.getString("last_reload.problems.find { it.file == 'b2b/" + name + "' }.line") + ":"
                        + status.getString("last_reload.problems.find { it.file == 'b2b/" + name + "' }.column");
                assertThat(position).as(name).isEqualTo(expected.get(name)[0]);
            }
            assertThat(status.getString("version")).isEqualTo(liveVersion);
            assertThat(liveScore()).isEqualTo(before);
        } finally {
            for (Path file : corpus) {
                Files.deleteIfExists(folder.resolve(file.getFileName()));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "loaded".equals(given().get("/api/rules/status").then().extract().path("last_reload.outcome")));

        assertThat(Files.exists(WRITTEN)).as("a hostile rule wrote a file").isFalse();
        assertThat(answers).isNotEmpty().noneMatch(a -> a.contains(SECRET) || a.contains(READABLE_CONTENT));
        assertThat(answers).noneMatch(a -> a.contains("src/main/java") || a.contains("Java source"));
        assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(SECRET) || line.contains(READABLE_CONTENT));
    }

    private List<String> probeRules(Response response) {
        return JsonPath.from(answer(response, 200)).getList("score_card.contributions.rule", String.class);
    }

    /**
     * The second corpus ({@link SandboxCorpus}): each entry through validate, a draft's test, impact and publish, point
     * tables as CSV and XLSX, and files dropped into the rules folder (under file names that would be code). What is
     * refused is refused at its file and line; what is accepted is inert: published, its rule's name and reason come
     * back in explanations exactly as written. Nothing ran: no file written, no secret in any answer or log, no thread
     * left spinning, the heap back near where it was.
     */
    @Test
    void givenTheSandboxCorpus_thenEachEntryIsRefusedAtItsPlaceOrInert_onEveryPath_andNothingRan() throws Exception {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int before = liveScore();
        List<SandboxCorpus.Entry> corpus = SandboxCorpus.entries();
        assertThat(corpus.size() + SandboxCorpus.fileNames().size()).isGreaterThanOrEqualTo(40);

        List<SandboxCorpus.Entry> inert = new ArrayList<>();
        Map<String, String> inertFiles = new java.util.LinkedHashMap<>();
        List<SandboxCorpus.Entry> refused = new ArrayList<>();
        for (SandboxCorpus.Entry entry : corpus) {
            Map<String, String> files = Map.of(entry.file(), entry.content());
            JsonPath validation = JsonPath.from(answer(admin().body(Map.of("files", files)).post("/api/workbench/validate"), 200));
            if (validation.getBoolean("valid")) {
                assertThat(entry.refused()).as(entry.label() + " was accepted").isFalse();
                inert.add(entry);
                inertFiles.put(entry.file(), entry.content());
                continue;
            }
            refused.add(entry);
            assertThat(validation.getString("problems[0].file")).as(entry.label()).isEqualTo(entry.file().substring("rules/".length()));
            assertThat(validation.getInt("problems[0].line")).as(entry.label()).isPositive();
            String draft = JsonPath.from(answer(admin().body(Map.of("files", files)).post("/api/workbench/drafts"), 201)).getString("id");
            answer(admin().body("{\"prospects\":[" + PROBE + "]}").post("/api/workbench/drafts/" + draft + "/test"), 422);
            answer(admin().post("/api/workbench/drafts/" + draft + "/impact"), 422);
            answer(admin().body(Map.of("message", "hostile")).post("/api/workbench/drafts/" + draft + "/publish"), 422);
            admin().delete("/api/workbench/drafts/" + draft).then().statusCode(204);
        }
        assertThat(refused).as("every entry that must be refused is").containsAll(corpus.stream().filter(SandboxCorpus.Entry::refused).toList());
        assertThat(inert).as("names, reasons and values that end comments and strings are inert, not refused").hasSizeGreaterThanOrEqualTo(20);

        // The inert entries together (the model taking point tables too): tried, published, explained with their names as
        // written, and rolled back.
        String model = Files.readString(Profile.ROOT.resolve("scoring-models/b2b.yaml"));
        inertFiles.put("scoring-models/b2b.yaml", model.replace("  - b2b/*.drl\n", "  - b2b/*.drl\n  - b2b/*.csv\n"));
        String draft = JsonPath.from(answer(admin().body(Map.of("files", inertFiles)).post("/api/workbench/drafts"), 201)).getString("id");
        JsonPath tried = JsonPath.from(answer(admin().body("{\"prospects\":[" + PROBE + "]}").post("/api/workbench/drafts/" + draft + "/test"), 200));
        List<String> names = inert.stream().map(SandboxCorpus.Entry::name).filter(java.util.Objects::nonNull).toList();
        assertThat(tried.getList("[0].draft.score_card.contributions.rule", String.class)).containsAll(names);
        answer(admin().post("/api/workbench/drafts/" + draft + "/impact"), 200);
        int published = JsonPath.from(answer(admin().body(Map.of("message", "inert corpus")).post("/api/workbench/drafts/" + draft + "/publish"), 201))
                .getInt("number");
        assertThat(probeRules(given().contentType(ContentType.JSON).body(PROBE).post("/api/score"))).containsAll(names);
        assertThat(liveScore()).isEqualTo(before);
        answer(admin().body(Map.of("message", "back")).post("/api/workbench/versions/" + (published - 1) + "/rollback"), 201);
        assertThat(probeRules(given().contentType(ContentType.JSON).body(PROBE).post("/api/score"))).doesNotContainAnyElementsOf(names);

        // Point tables uploaded as a workbook: the table's hostile rule name stays a name; the formula cell is refused.
        byte[] workbook = workbook(corpus.stream().filter(e -> e.file().endsWith(".csv")).toList());
        JsonPath sheets = JsonPath.from(answer(admin().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body(workbook)
                .post("/api/workbench/point-tables/from-xlsx"), 200));
        List<Map<String, String>> tables = sheets.getList("sheets");
        assertThat(tables).hasSize(3);
        for (int i = 0; i < tables.size(); i++) {
            JsonPath v = JsonPath.from(answer(admin().body(Map.of("files", Map.of("rules/b2b/sheet" + i + ".csv", tables.get(i).get("csv"))))
                    .post("/api/workbench/validate"), 200));
            assertThat(v.getBoolean("valid")).as("sheet " + i).isEqualTo(i != 1);
        }

        // Dropped into the rules folder, under file names that would be code: the refused ones are named, the rest load inert.
        Path folder = Profile.ROOT.resolve("rules/b2b");
        Path modelFile = Profile.ROOT.resolve("scoring-models/b2b.yaml");
        Files.writeString(modelFile, inertFiles.get("scoring-models/b2b.yaml"));
        List<Path> dropped = new ArrayList<>();
        List<String> hostileNames = SandboxCorpus.fileNames();
        // A backslash in a file's name is read as a folder separator (as on Windows), so those files are simply not the model's.
        List<String> onDisk = new ArrayList<>();
        for (int i = 0; i < inert.size(); i++) {
            String name = i < hostileNames.size() ? hostileNames.get(i).replace(".drl", inert.get(i).file().endsWith(".csv") ? ".csv" : ".drl")
                    : Path.of(inert.get(i).file()).getFileName().toString();
            dropped.add(Files.writeString(folder.resolve(name), inert.get(i).content()));
            if (!name.contains("\\") && inert.get(i).name() != null) {
                onDisk.add(inert.get(i).name());
            }
        }
        List<Path> droppedRefused = new ArrayList<>();
        for (SandboxCorpus.Entry entry : refused) {
            droppedRefused.add(Files.writeString(folder.resolve(Path.of(entry.file()).getFileName().toString()), entry.content()));
        }
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonPath now = given().get("/api/rules/status").then().extract().jsonPath();
                return "rejected".equals(now.getString("last_reload.outcome")) && now.getList("last_reload.problems.file").size() >= refused.size();
            });
            for (Path file : droppedRefused) {
                Files.delete(file);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> "loaded".equals(given().get("/api/rules/status").then().extract().path("last_reload.outcome")));
            assertThat(onDisk).hasSizeGreaterThan(15);
            assertThat(probeRules(given().contentType(ContentType.JSON).body(PROBE).post("/api/score"))).containsAll(onDisk);
            assertThat(liveScore()).isEqualTo(before);
        } finally {
            Files.writeString(modelFile, model);
            for (Path file : dropped) {
                Files.deleteIfExists(file);
            }
            for (Path file : droppedRefused) {
                Files.deleteIfExists(file);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "loaded".equals(given().get("/api/rules/status").then().extract().path("last_reload.outcome"))
                && probeRules(given().contentType(ContentType.JSON).body(PROBE).post("/api/score")).stream().noneMatch(names::contains));

        assertThat(Files.exists(WRITTEN)).as("a hostile rule wrote a file").isFalse();
        assertThat(answers).isNotEmpty().noneMatch(a -> a.contains(SECRET) || a.contains(ZOHO_SECRET) || a.contains(READABLE_CONTENT));
        assertThat(answers).noneMatch(a -> a.contains("src/main/java") || a.contains("Java source"));
        assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(SECRET) || line.contains(ZOHO_SECRET));
        // No thread of the service spins: over two idle seconds the process spends well under a core.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBefore = totalCpu(threads);
        Thread.sleep(2_000);
        assertThat(totalCpu(threads) - cpuBefore).as("CPU nanoseconds over two idle seconds").isLessThan(1_000_000_000L);
        System.gc();
        assertThat(memory.getHeapMemoryUsage().getUsed() - heapBefore).as("heap held after the corpus").isLessThan(150L * 1024 * 1024);
    }

    private static long totalCpu(java.lang.management.ThreadMXBean threads) {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            total += Math.max(0, threads.getThreadCpuTime(id));
        }
        return total;
    }

    private static byte[] workbook(List<SandboxCorpus.Entry> tables) throws IOException {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            for (SandboxCorpus.Entry table : tables) {
                var sheet = book.createSheet(Path.of(table.file()).getFileName().toString().replace(".csv", ""));
                List<List<String>> rows = org.leadscoring.scoring.ruleset.language.PointTable.rows(table.content());
                for (int r = 0; r < rows.size(); r++) {
                    var row = sheet.createRow(r);
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (org.leadscoring.scoring.ruleset.language.PointTable.Unreadable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wrong keys from one address slow that address down, right keys included, and no other; the key is never logged. */
    @Test
    void givenWrongKeysFromOneAddress_thenThatAddressIsAnswered429UntilItsMinuteIsOver() throws Exception {
        int port = io.restassured.RestAssured.port;
        String wrong = "wrong-admin-key-9f3e";
        for (int i = 0; i < 5; i++) {
            assertThat(rawGet(port, "127.0.0.3", wrong)).startsWith("HTTP/1.1 401");
        }
        String slowed = rawGet(port, "127.0.0.3", wrong);
        assertThat(slowed).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: ");
        assertThat(rawGet(port, "127.0.0.3", SECRET)).as("the right key from the same address waits too").startsWith("HTTP/1.1 429");
        assertThat(rawGet(port, "127.0.0.1", SECRET)).as("another address is not slowed").startsWith("HTTP/1.1 200");
        assertThat(log.lines()).anyMatch(line -> line.contains("Refused a wrong admin key from 127.0.0.3")).noneMatch(line -> line.contains(wrong));
    }

    private static String rawGet(int port, String from, String key) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port, java.net.InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/workbench/files HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Admin-Key: " + key
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
