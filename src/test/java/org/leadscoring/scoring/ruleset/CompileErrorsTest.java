package org.leadscoring.scoring.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.CheckedFile.Position;
import org.leadscoring.scoring.ruleset.language.CheckedFile.RuleDeclaration;
import org.leadscoring.scoring.Axis;

/**
 * What Drools says when canonical DRL does not compile reaches people as a problem in their rule file, never as
 * the Java Drools generated, and never as an exception out of the build.
 */
class CompileErrorsTest {

    private static List<BuildProblem> compile(String condition) {
        String drl = "import org.leadscoring.scoring.Prospect;\nrule \"R\"\nwhen\nProspect(\n" + condition + " )\nthen\nend\n";
        List<Position> origins = new ArrayList<>();
        for (int i = 0; i < drl.lines().count(); i++) {
            origins.add(i == 4 ? new Position(12, 7) : new Position(10, 1));
        }
        RuleInfo gives = new RuleInfo("R", Axis.FIT, 1, null, null, "R");
        CheckedFile file = new CheckedFile("b2b/r.drl", drl, List.of(new RuleDeclaration("R", gives, "b2b/r.drl", 10)), List.of(), origins);
        List<BuildProblem> problems = new ArrayList<>();
        assertThat(new DrlCompiler().compile(List.of(file), problems)).isNull();
        return problems;
    }

    @Test
    void givenErrorsInTheGeneratedJava_thenProblemsNameTheRuleFileAndQuoteNoGeneratedCode() {
        List<BuildProblem> problems = compile("custom[\"x\"] * 2 > 1");

        assertThat(problems).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("b2b/r.drl");
            assertThat(p.message()).doesNotContain("Java source", "src/main/java", "Lambda", "import ", "public ", "{");
        });
    }

    @Test
    void givenACoercionTheGeneratorCannotMake_thenAProblemInsteadOfAnException() {
        List<BuildProblem> problems = compile("purchaseAmount > \"x\"");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("b2b/r.drl");
            assertThat(p.message()).startsWith("The rules could not be compiled");
        });
    }

    @Test
    void givenAMessageWithoutALineThatQuotesTheCondition_thenPlacedWhereTheConditionWasWritten() {
        List<BuildProblem> problems = compile("seniority contains \"x\"");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.column()).isEqualTo(7);
        });
    }

    @Test
    void givenCanonicalDrlWithARuleNoDeclarationNames_thenNothingIsLoaded() {
        // "r7" has the shape of an id (any other name is refused by the generated-code list first), but the file declares r1.
        String drl = "import org.leadscoring.scoring.Prospect;\nrule \"r7\"\nwhen\nProspect( employeeCount > 1 )\nthen\nend\n";
        List<Position> origins = drl.lines().map(l -> new Position(1, 1)).toList();
        RuleInfo gives = new RuleInfo("R", Axis.FIT, 1, null, null, "R");
        CheckedFile file = new CheckedFile("b2b/r.drl", drl, List.of(new RuleDeclaration("r1", gives, "b2b/r.drl", 1)), List.of(), origins);
        List<BuildProblem> problems = new ArrayList<>();

        assertThat(new DrlCompiler().compile(List.of(file), problems)).isNull();
        assertThat(problems).singleElement().extracting(BuildProblem::message).asString().contains("no rule file declares");
    }
}
