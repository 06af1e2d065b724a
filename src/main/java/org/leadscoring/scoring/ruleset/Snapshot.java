package org.leadscoring.scoring.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rule and model files as they are on disk at one moment, with a version hash over all their contents.
 * Hashing contents rather than watching file events catches every kind of change, Kubernetes ConfigMap
 * symlink swaps included.
 */
public record Snapshot(Map<String, SourceFile> rules, Map<String, SourceFile> models, String version, long newestModifiedMillis) {

    static final int VERSION_LENGTH = 12;

    /**
     * Reads every rule file ({@code .drl}, and {@code .csv} point tables) under {@code rulesDir} and every
     * {@code .yaml}/{@code .yml} file under {@code modelsDir}.
     */
    public static Snapshot read(Path rulesDir, Path modelsDir) {
        long[] newest = { 0 };
        Map<String, SourceFile> rules = readTree(rulesDir, List.of(".drl", ".csv"), newest);
        Map<String, SourceFile> models = readTree(modelsDir, List.of(".yaml", ".yml"), newest);
        return new Snapshot(rules, models, versionOf(rules, models), newest[0]);
    }

    /** Files held in memory (a draft), by path relative to their folder; versioned as if read from disk. */
    public static Snapshot of(Map<String, String> rules, Map<String, String> models) {
        Map<String, SourceFile> ruleFiles = new TreeMap<>();
        rules.forEach((path, content) -> ruleFiles.put(path, source(path, content)));
        Map<String, SourceFile> modelFiles = new TreeMap<>();
        models.forEach((path, content) -> modelFiles.put(path, source(path, content)));
        return new Snapshot(ruleFiles, modelFiles, versionOf(ruleFiles, modelFiles), System.currentTimeMillis());
    }

    private static SourceFile source(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new SourceFile(path, content, HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    private static String versionOf(Map<String, SourceFile> rules, Map<String, SourceFile> models) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, Map<String, SourceFile>> part : Map.of("rules/", rules, "models/", models).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            for (SourceFile f : part.getValue().values()) {
                digest.update((part.getKey() + f.path() + '\0' + f.sha256() + '\0').getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, VERSION_LENGTH);
    }

    private static Map<String, SourceFile> readTree(Path root, List<String> suffixes, long[] newest) {
        Map<String, SourceFile> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                // Hidden entries are editor swap files and the "..data" folders of Kubernetes ConfigMaps.
                if (Stream.of(relative.split("/")).anyMatch(s -> s.startsWith("."))
                        || suffixes.stream().noneMatch(relative::endsWith)) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(p);
                    newest[0] = Math.max(newest[0], Files.getLastModifiedTime(p).toMillis());
                } catch (java.nio.file.NoSuchFileException deletedMeanwhile) {
                    continue;
                }
                files.put(relative, new SourceFile(relative, new String(bytes, StandardCharsets.UTF_8),
                        HexFormat.of().formatHex(sha256().digest(bytes))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root, e);
        }
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
