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
                    "leadscoring.models-dir", ROOT.resolve("scoring-models").toString());
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
}
