package org.leadscoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadscoring.LogCapture;

/** API keys: configured ones (several, for rotation), or one generated on first start and kept across restarts. */
class ApiKeysTest {

    @TempDir
    Path dataDir;

    ApiKeys keys(Optional<List<String>> configured) {
        ApiKeys keys = new ApiKeys(configured, dataDir);
        keys.load();
        return keys;
    }

    @Test
    void givenConfiguredKeys_thenEachIsValidAndNothingElse() {
        ApiKeys keys = keys(Optional.of(List.of("old-key", " new-key ")));

        assertThat(keys.valid("old-key")).isTrue();
        assertThat(keys.valid("new-key")).isTrue();
        assertThat(keys.valid("new-ke")).isFalse();
        assertThat(keys.valid(null)).isFalse();
        assertThat(Files.exists(dataDir.resolve("api-key"))).isFalse();
    }

    @Test
    void givenNoKey_thenOneIsGeneratedKeptAndReusedAfterRestart() throws Exception {
        ApiKeys first;
        try (LogCapture log = LogCapture.start()) {
            first = keys(Optional.empty());
            String generated = Files.readString(dataDir.resolve("api-key")).trim();
            // The log names the file and the key's last four characters, never the key.
            assertThat(log.text()).contains(dataDir.resolve("api-key").toString()).contains("…" + generated.substring(generated.length() - 4))
                    .doesNotContain(generated);
            if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("api-key")))).isEqualTo("rw-------");
            }
        }
        String generated = Files.readString(dataDir.resolve("api-key")).trim();

        ApiKeys restarted = keys(Optional.empty());

        assertThat(generated).hasSizeGreaterThanOrEqualTo(32);
        assertThat(first.valid(generated)).isTrue();
        assertThat(restarted.valid(generated)).isTrue();
        assertThat(first.valid("")).isFalse();
    }
}
