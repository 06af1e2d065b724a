package org.leadscoring.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * The API keys clients must send in {@code X-API-Key}: those configured in {@code leadscoring.api-key} (several,
 * comma-separated, for rotation), or else one generated on first start, kept in the data directory (owner-only) and
 * named in the log by its file and last four characters, never printed whole,
 * so the service is never open by accident. Keys are compared in constant time and never logged afterwards.
 */
@Startup
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private final Optional<List<String>> configured;
    private final Path dataDir;

    private List<byte[]> keys;

    @jakarta.inject.Inject
    public ApiKeys(org.leadscoring.config.LeadScoringConfig config) {
        this(config.apiKey(), config.dataDir());
    }

    /** @param configured {@code leadscoring.api-key}; @param dataDir where a generated key is kept */
    ApiKeys(Optional<List<String>> configured, Path dataDir) {
        this.configured = configured;
        this.dataDir = dataDir;
    }

    @PostConstruct
    void load() {
        List<String> values = configured.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (values.isEmpty()) {
            values = List.of(generatedKey());
        }
        values.forEach(org.leadscoring.config.Secrets::register);
        keys = values.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Whether the presented key is one of the valid keys; every key is compared, in constant time. */
    public boolean valid(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] given = presented.trim().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, given);
        }
        return match;
    }

    /** Creates {@code file} readable and writable by its owner only, before anything is written into it. */
    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private String generatedKey() {
        Path file = dataDir.resolve("api-key");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            ownerOnly(file);
            Files.writeString(file, key + "\n");
            // Logs are shipped to aggregators: the key itself is never logged, only where it is and its last four characters.
            LOG.warnf("No leadscoring.api-key configured: generated one (ending in …%s) and saved it, readable by this user only, in %s;"
                    + " send it as X-API-Key", key.substring(key.length() - 4), file.toAbsolutePath().normalize());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the generated API key in " + file, e);
        }
    }
}
