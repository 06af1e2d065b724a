package org.leadscoring.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.leadscoring.scoring.ruleset.Snapshot;

/**
 * The rule and model files as the workbench names them: {@code rules/<folder>/<name>.drl} and
 * {@code scoring-models/<name>.yaml}, mapped onto the folders the service loads from. Names are checked against a
 * strict pattern, so no name can reach outside those folders.
 */
final class RuleFiles {

    static final String RULES = "rules/";
    static final String MODELS = "scoring-models/";
    private static final Pattern NAME = Pattern.compile(
            "rules/[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\\.(?:drl|csv)|scoring-models/[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\\.ya?ml");

    private final Path rulesDir;
    private final Path modelsDir;

    RuleFiles(Path rulesDir, Path modelsDir) {
        this.rulesDir = rulesDir;
        this.modelsDir = modelsDir;
    }

    /** Whether a workbench file name is acceptable: one of the two folders, plain names, the right extension. */
    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The live files as on disk now. */
    Snapshot read() {
        return Snapshot.read(rulesDir, modelsDir);
    }

    /** The files of a snapshot, by workbench name. */
    static Map<String, String> files(Snapshot snapshot) {
        Map<String, String> files = new TreeMap<>();
        snapshot.rules().forEach((path, f) -> files.put(RULES + path, f.content()));
        snapshot.models().forEach((path, f) -> files.put(MODELS + path, f.content()));
        return files;
    }

    /** A snapshot of these files, as the builder takes it. */
    static Snapshot snapshot(Map<String, String> files) {
        Map<String, String> rules = new TreeMap<>();
        Map<String, String> models = new TreeMap<>();
        files.forEach((name, content) -> {
            if (name.startsWith(RULES)) {
                rules.put(name.substring(RULES.length()), content);
            } else {
                models.put(name.substring(MODELS.length()), content);
            }
        });
        return Snapshot.of(rules, models);
    }

    /** The live files with a draft's changes applied (null content deletes). */
    static Map<String, String> apply(Map<String, String> live, Map<String, String> changes) {
        Map<String, String> result = new TreeMap<>(live);
        changes.forEach((name, content) -> {
            if (content == null) {
                result.remove(name);
            } else {
                result.put(name, content);
            }
        });
        return result;
    }

    /**
     * Makes the folders, which hold {@code current}, hold exactly {@code files}: each changed file written to a
     * temporary file beside it and moved into place atomically, so the reloader never reads half a file; files no
     * longer present deleted.
     */
    void writeAll(Map<String, String> files, Map<String, String> current) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                if (f.getValue().equals(current.get(f.getKey()))) {
                    continue;
                }
                Path target = path(f.getKey());
                Files.createDirectories(target.getParent());
                Path temp = target.resolveSibling("." + target.getFileName() + ".workbench");
                Files.writeString(temp, f.getValue(), StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            for (String name : current.keySet()) {
                if (!files.containsKey(name)) {
                    Files.deleteIfExists(path(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rule files", e);
        }
    }

    private Path path(String name) {
        if (!valid(name)) {
            throw new IllegalArgumentException("not a rule or model file name: " + name);
        }
        Path base = name.startsWith(RULES) ? rulesDir : modelsDir;
        String relative = name.substring(name.startsWith(RULES) ? RULES.length() : MODELS.length());
        Path path = base.resolve(relative).normalize();
        if (!path.startsWith(base.normalize())) {
            throw new IllegalArgumentException("outside the rule folders: " + name);
        }
        return path;
    }
}
