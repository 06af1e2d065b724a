package org.leadscoring.scoring.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Rule files may only use the allowlist; whatever else they name is refused with its line and column. */
class DrlSafetyTest {

    private static final String HEADER = """
            package b2b;

            import org.leadscoring.scoring.Prospect;
            import org.leadscoring.scoring.Activity;
            import java.util.List;
            import java.time.Duration;

            """;

    @Test
    void givenShippedRules_thenNothingIsRefused() throws Exception {
        try (var files = Files.walk(Path.of("rules"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                assertThat(DrlSafety.check(file.toString(), Files.readString(file))).as(file.toString()).isEmpty();
            }
        }
    }

    @Test
    void givenSystemCallInConsequence_thenRefusedAtItsLine() {
        String drl = HEADER + """
                rule "Exit"
                when
                    Prospect( )
                then
                    System.exit(1);
                end
                """;

        List<BuildProblem> problems = DrlSafety.check("b2b/bad.drl", drl);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("b2b/bad.drl");
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.column()).isEqualTo(5);
            assertThat(p.message()).startsWith("System is not allowed");
        });
    }

    @Test
    void givenImportsOutsideTheAllowlist_thenEachRefused() {
        String drl = """
                package b2b;
                import java.io.File;
                import java.net.*;
                import java.lang.reflect.Method;
                import java.util.concurrent.Executors;
                import static java.lang.Runtime.getRuntime;
                import java.util.Map;
                import java.time.temporal.ChronoUnit;
                import static java.lang.Math.max;
                """;

        List<BuildProblem> problems = DrlSafety.check("b2b/imports.drl", drl);

        assertThat(problems).extracting(BuildProblem::line).containsExactly(2, 3, 4, 5, 6);
        assertThat(problems.get(0).message()).startsWith("Importing java.io.File is not allowed");
    }

    @Test
    void givenReflectionThreadsFilesOrNetworkByFullName_thenRefused() {
        String drl = HEADER + """
                rule "Sneaky"
                when
                    Prospect( $e : email )
                then
                    java.nio.file.Files.writeString(null, $e);
                    new java.lang.Thread(() -> {}).start();
                    Object o = $e.getClass().getDeclaredMethod("x");
                    java.net.http.HttpClient c = null;
                end
                """;

        List<BuildProblem> problems = DrlSafety.check("b2b/sneaky.drl", drl);

        assertThat(problems).extracting(BuildProblem::line).contains(12, 13, 14, 15);
        assertThat(problems).allSatisfy(p -> assertThat(p.isError()).isTrue());
    }

    @Test
    void givenLoopInConsequence_thenRefused() {
        String drl = HEADER + """
                rule "Spin"
                when
                    Prospect( )
                then
                    while (true) { }
                end
                """;

        assertThat(DrlSafety.check("b2b/spin.drl", drl)).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("Loops (while) are not allowed"));
    }

    @Test
    void givenForbiddenWordsInCommentsStringsAndRuleNames_thenNotRefused() {
        String drl = HEADER + """
                // System.exit would be refused here, but this is a comment
                /* so is java.io.File
                   over two lines */
                rule "Runtime Thread for while"
                    @fit(5) @reason("Works at System Inc, do for while")
                when
                    Prospect( company == "java.io.File", title matches ".*Thread.*" )
                    $list : List( ) from java.util.List.of(1, 2)
                then
                end
                """;

        assertThat(DrlSafety.check("b2b/ok.drl", drl)).isEmpty();
    }

    @Test
    void givenUnsafeRuleFile_thenTheRuleSetIsNotBuiltAndTheProblemNamesTheLine() throws Exception {
        Path root = Files.createTempDirectory("safety");
        Files.createDirectories(root.resolve("rules/m"));
        Files.createDirectories(root.resolve("models"));
        Files.writeString(root.resolve("rules/m/r.drl"), HEADER + "rule \"R\" @fit(1) @reason(\"r\")\nwhen\n    Prospect( )\nthen\n    Runtime.getRuntime();\nend\n");
        Files.writeString(root.resolve("models/m.yaml"), "name: m\nrules: [m/*.drl]\nqualification: { min_fit: 1 }\n");

        RuleSetBuilder.Result result = new RuleSetBuilder("m", 1000).build(Snapshot.read(root.resolve("rules"), root.resolve("models")));

        assertThat(result.ruleSet()).isNull();
        assertThat(result.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("m/r.drl");
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.message()).startsWith("Runtime is not allowed");
        });
    }
}
