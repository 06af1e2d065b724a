package org.leadscoring.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.leadscoring.scoring.Fixtures;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Two admin keys and a copy of the shipped rules that the workbench may publish to. */
public class WorkbenchProfile implements QuarkusTestProfile {

    public static final String ALICE = "alice-secret-1";
    public static final String BOB = "bob-secret-2";
    public static final Path ROOT = copyShippedRules();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("leadscoring.admin-key", "ops-alice:" + ALICE + ",ops-bob:" + BOB,
                "leadscoring.rules-dir", ROOT.resolve("rules").toString(),
                "leadscoring.models-dir", ROOT.resolve("scoring-models").toString());
    }

    private static Path copyShippedRules() {
        try {
            Path dir = Files.createTempDirectory("workbench-rules");
            Fixtures.copyTree(Path.of("rules"), dir.resolve("rules"));
            Fixtures.copyTree(Path.of("scoring-models"), dir.resolve("scoring-models"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
