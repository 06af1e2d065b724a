package org.leadscoring.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The running service picks up edited rule files without a restart, and refuses broken ones while it keeps serving. */
@QuarkusTest
@TestProfile(HotReloadTest.TempRules.class)
class HotReloadTest {

    static {
        org.leadscoring.TestApi.useKey();
    }

    /**
     * Runs the service on a copy of the test fixture rules in a temporary folder the test can edit, with a firing limit
     * low enough for {@link LoopingRuleTest}'s thousand webinars to trip (it shares this boot).
     */
    public static class TempRules implements QuarkusTestProfile {
        static final Path DIR = createTempDir();

        @Override
        public Map<String, String> getConfigOverrides() {
            Fixtures.copy("basic", DIR);
            return Map.of("leadscoring.rules-dir", DIR.resolve("rules").toString(),
                    "leadscoring.models-dir", DIR.resolve("scoring-models").toString(),
                    "leadscoring.default-model", "demo", "leadscoring.limits.max-rule-firings", "1000");
        }

        private static Path createTempDir() {
            try {
                return Files.createTempDirectory("hot-reload");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final String VP = "{\"prospect\":{\"email\":\"ann@acme.com\",\"title\":\"VP Sales\"},\"now\":\"2026-11-01T00:00:00Z\"}";

    @Test
    void givenRunningService_whenRuleFileEdited_thenNewScoreWithoutRestart_andBrokenEditIsRefused() {
        JsonPath before = score();
        assertThat(before.getInt("score_card.fit")).isEqualTo(20);
        String version = before.getString("ruleset_version");

        Fixtures.edit(TempRules.DIR.resolve("rules/demo/fit.drl"), "@fit(20)", "@fit(27)");

        await().atMost(Duration.ofSeconds(20)).until(() -> !version.equals(status().getString("version")));
        JsonPath after = score();
        assertThat(after.getInt("score_card.fit")).isEqualTo(27);
        assertThat(after.getString("ruleset_version")).isEqualTo(status().getString("version"));

        Fixtures.edit(TempRules.DIR.resolve("rules/demo/fit.drl"), "Prospect( seniority == Seniority.VP )", "Prospect( seniority == )");

        await().atMost(Duration.ofSeconds(20)).until(() -> "rejected".equals(status().getString("last_reload.outcome")));
        JsonPath status = status();
        assertThat(status.getString("version")).isEqualTo(after.getString("ruleset_version"));
        assertThat(status.getString("last_reload.problems[0].file")).isEqualTo("demo/fit.drl");
        assertThat(status.getInt("last_reload.problems[0].line")).isEqualTo(9);
        assertThat(score().getInt("score_card.fit")).isEqualTo(27);
    }

    private static JsonPath score() {
        return given().contentType(ContentType.JSON).body(VP).post("/api/score").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath status() {
        return given().get("/api/rules/status").then().statusCode(200).extract().jsonPath();
    }
}
