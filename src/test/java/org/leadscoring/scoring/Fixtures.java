package org.leadscoring.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies fixture rule and model folders from the test resources into a temporary folder tests may edit. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Copies {@code fixtures/<name>} (with its {@code rules/} and {@code scoring-models/}) into {@code target}. */
    public static void copy(String name, Path target) {
        try {
            Path source = Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
            copyTree(source, target);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a folder tree, such as the shipped {@code rules/}, into {@code target}. */
    /** A temporary folder holding a copy of the shipped {@code rules/} and {@code scoring-models/}, for tests that edit them. */
    public static Path copyOfShippedRules(String prefix) {
        try {
            Path dir = java.nio.file.Files.createTempDirectory(prefix);
            copyTree(Path.of("rules"), dir.resolve("rules"));
            copyTree(Path.of("scoring-models"), dir.resolve("scoring-models"));
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void copyTree(Path source, Path target) {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a snippet from {@code fixtures/snippets/} to a rule file. */
    public static void append(Path file, String snippet) {
        try (var in = Fixtures.class.getResourceAsStream("/fixtures/snippets/" + snippet)) {
            Files.writeString(file, Files.readString(file) + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text in a file, failing when the text is not there so a test never edits nothing. */
    public static void edit(Path file, String from, String to) {
        try {
            String content = Files.readString(file);
            if (!content.contains(from)) {
                throw new IllegalArgumentException(file + " does not contain " + from);
            }
            Files.writeString(file, content.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
