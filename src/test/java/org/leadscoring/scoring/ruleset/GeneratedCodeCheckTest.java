package org.leadscoring.scoring.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.CheckedFile.Position;
import org.leadscoring.scoring.ruleset.language.CheckedFile.RuleDeclaration;

/** The second line: generated classes that reach past the allowlist are refused whatever the rule text said. */
class GeneratedCodeCheckTest {

    /** Code of the kind a rule must never reach, compiled with the tests so the check reads real bytecode. */
    static final class Reaches {
        static Object everything() throws Exception {
            Runtime.getRuntime().availableProcessors();
            Class.forName("java.lang.String").getClassLoader();
            return new java.io.File("x").exists() ? System.getenv("HOME") : java.net.URI.create("http://x");
        }
    }

    private static byte[] bytecode(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void givenClassesThatReachTheSystemReflectionFilesOrTheNetwork_thenEachReferenceIsNamed() throws IOException {
        var found = GeneratedCodeCheck.disallowed(Map.of("org/leadscoring/scoring/ruleset/GeneratedCodeCheckTest$Reaches",
                bytecode(Reaches.class)));

        assertThat(found).contains("java.lang.Runtime", "java.lang.Runtime.getRuntime", "java.lang.Class.forName",
                "java.lang.Class.getClassLoader", "java.io.File", "java.lang.System.getenv", "java.net.URI");
    }

    @Test
    void givenDrlThatSkippedTheRuleLanguage_whenCompiled_thenRefusedBeforeAnythingRuns() {
        Path canary = Path.of("target/second-line-canary");
        String drl = """
                package b2b;
                import org.leadscoring.scoring.Prospect;
                rule "Creates a file" @fit(1)
                when
                Prospect( new java.io.File("target/second-line-canary").createNewFile() )
                then
                end
                """;
        List<Position> origins = drl.lines().map(l -> new Position(1, 1)).toList();
        CheckedFile unchecked = new CheckedFile("b2b/raw.drl", "b2b", drl, List.of(new RuleDeclaration("Creates a file", "b2b/raw.drl", 3)),
                List.of(), origins);
        List<BuildProblem> problems = new ArrayList<>();

        DrlCompiler.Compiled compiled = new DrlCompiler().compile(List.of(unchecked), problems);

        assertThat(compiled).isNull();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("b2b/raw.drl");
            assertThat(p.message()).startsWith("The compiled rules reach ").contains("java.io.File");
        });
        assertThat(Files.exists(canary)).isFalse();
    }

    @Test
    void givenTheShippedRules_thenTheirGeneratedClassesKeepToTheAllowlist() {
        RuleSetBuilder.Result built = new RuleSetBuilder("b2b", 1000).build(Snapshot.read(Path.of("rules"), Path.of("scoring-models")));

        assertThat(built.errors()).isEmpty();
    }
}
