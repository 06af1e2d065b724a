package org.leadscoring.scoring.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.CheckedFile.Position;
import org.leadscoring.scoring.ruleset.language.CheckedFile.RuleDeclaration;

/**
 * The second line: generated classes that do anything code generated from the rule language does not are refused
 * whatever the rule text said, before any of them is loaded.
 */
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

        assertThat(found).contains("call java/lang/Runtime.getRuntime()Ljava/lang/Runtime;",
                "call java/lang/Class.forName(Ljava/lang/String;)Ljava/lang/Class;", "call java/lang/Class.getClassLoader()Ljava/lang/ClassLoader;",
                "new java/io/File", "call java/lang/System.getenv(Ljava/lang/String;)Ljava/lang/String;",
                "call java/net/URI.create(Ljava/lang/String;)Ljava/net/URI;");
    }

    /**
     * Hand-written DRL that skipped the rule language, each reaching one gadget: Drools' reflection reader, its
     * {@code Class.forName} helper, its code generator (which writes files), and — through a rule name that closes the
     * comment Drools writes it into — a class initialiser that writes a system property, allocates, or loops. Each is
     * refused with the entry that shows it, and none of them ran.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            reflection reader    | r1                                                                                                      | new org.drools.modelcompiler.constraints.LambdaFieldReader(Prospect.class, "email").apply($p) != null | new org/drools/modelcompiler/constraints/LambdaFieldReader
            Class.forName helper | r1                                                                                                      | org.drools.modelcompiler.util.ClassUtil.javaSourceNameToClass("java.lang.Runtime") != null            | call org/drools/modelcompiler/util/ClassUtil.javaSourceNameToClass
            code generator       | a */ static { org.drools.model.codegen.execmodel.generator.query.QueryGenerator.main(new String[0]); } /* b | email != null                                                                                | call org/drools/model/codegen/execmodel/generator/query/QueryGenerator.main
            class initialiser    | a */ static { System.setProperty(String.valueOf(7), String.valueOf(8)); } /* b                          | email != null                                                                                        | call java/lang/System.setProperty
            allocation           | a */ static long[] HEAP = new long[200000000]; /* b                                                     | email != null                                                                                        | refused: an array of primitives
            loop                 | a */ static { for (int i = 1; i > 0; i = i + 0) { } } /* b                                            | email != null                                                                                        | refused: a jump backwards (a loop)
            helper method        | a */ static int helper() { return helper(); } /* b                                                      | email != null                                                                                        | method ~/Rules#RuleMethods#.helper()I
            """)
    void givenDrlThatSkippedTheRuleLanguage_whenCompiled_thenEachGadgetIsRefusedBeforeAnyClassIsLoaded(String gadget, String ruleName,
            String condition, String finding) {
        System.clearProperty("7");
        String drl = "import org.leadscoring.scoring.Prospect;\nrule \"" + ruleName + "\"\nwhen\n    $p : Prospect( " + condition + " )\nthen\nend\n";
        List<Position> origins = drl.lines().map(l -> new Position(1, 1)).toList();
        CheckedFile unchecked = new CheckedFile("b2b/raw.drl", drl,
                List.of(new RuleDeclaration(ruleName, new RuleInfo("Gadget", Axis.FIT, 1, null, null, "Gadget"), "b2b/raw.drl", 1)), List.of(), origins);
        List<BuildProblem> problems = new ArrayList<>();

        DrlCompiler.Compiled compiled = new DrlCompiler().compile(List.of(unchecked), problems);

        assertThat(compiled).as(gadget).isNull();
        assertThat(problems).as(gadget).singleElement().satisfies(p -> assertThat(p.message()).startsWith("The compiled rules reach ")
                .contains(finding.replace('/', '.')));
        assertThat(System.getProperty("7")).as(gadget + ": the class initialiser ran").isNull();
    }

    @Test
    void givenDrlThatSkippedTheRuleLanguage_whenCompiled_thenRefusedBeforeAnythingRuns() {
        Path canary = Path.of("target/second-line-canary");
        String drl = """
                import org.leadscoring.scoring.Prospect;
                rule "Creates a file"
                when
                Prospect( new java.io.File("target/second-line-canary").createNewFile() )
                then
                end
                """;
        List<Position> origins = drl.lines().map(l -> new Position(1, 1)).toList();
        CheckedFile unchecked = new CheckedFile("b2b/raw.drl", drl, List.of(new RuleDeclaration("Creates a file",
                new RuleInfo("Creates a file", Axis.FIT, 1, null, null, "Creates a file"), "b2b/raw.drl", 3)), List.of(), origins);
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
