package org.leadscoring.scoring.ruleset.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The hostile rule files of {@code fixtures/hostile} and where each must be refused ({@code refusals.tsv}). */
public final class HostileCorpus {

    static final Path FOLDER = Path.of("src/test/resources/fixtures/hostile");

    private HostileCorpus() {
    }

    /** The hostile files, in name order. */
    public static List<Path> files() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For each file name, the {@code line:column} of its first refusal and how that message begins. */
    public static Map<String, String[]> refusals() {
        Map<String, String[]> expected = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(FOLDER.resolve("refusals.tsv"))) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] parts = line.split("\t");
                    expected.put(parts[0], new String[] { parts[1], parts[2] });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expected;
    }
}
