package org.leadscoring.scoring.ruleset.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.ruleset.BuildProblem;

/** Point tables: each row written as a rule of the rule language, and each problem at its row and column. */
class PointTableTest {

    static final String TABLE = """
            axis,field,test,value,points,reason,days
            fit,industry,is one of,SaaS | Software,15,Target industry,
            fit,employee_count,at least,"1,000",20,Enterprise,
            fit,title,contains,Marketing,5,Works in marketing,
            fit,seniority,is,vp,10,A VP,
            engagement,activity,is,Webinar Attended,10,Attended a webinar,30
            """;

    @Test
    void aRowWithoutAReasonIsNamedByItsTest_andTwoAlikeByTheirRows() {
        CheckedFile checked = PointTable.check("b2b/regions.csv", """
                axis,field,test,value,points
                fit,country,is,Germany,5
                engagement,country,is,Germany,2
                fit,industry,is,"Say ""hi\"\"",1
                """);

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.rules()).extracting(CheckedFile.RuleDeclaration::name)
                .containsExactly("country is Germany", "country is Germany (row 3)", "industry is Say 'hi'");
    }

    @Test
    void everyRowIsARuleOfTheRuleLanguage() {
        CheckedFile checked = PointTable.check("b2b/accounts.csv", TABLE);

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.canonical()).doesNotContain("package");
        assertThat(checked.rules()).extracting(CheckedFile.RuleDeclaration::name)
                .containsExactly("Target industry", "Enterprise", "Works in marketing", "A VP", "Attended a webinar");
        // Each rule is declared at its row.
        assertThat(checked.rules()).extracting(CheckedFile.RuleDeclaration::line).containsExactly(2, 3, 4, 5, 6);
        assertThat(checked.canonical())
                .contains("industry in (\"SaaS\", \"Software\")")
                .contains("employeeCount >= 1000")
                .contains("title contains \"Marketing\"")
                .contains("seniority == Seniority.VP")
                .contains("type == \"webinar_attended\"").contains("daysAgo <= 30");
        // What each rule gives travels beside the canonical DRL, which names and annotates nothing.
        assertThat(checked.rules()).extracting(d -> d.info().axis() + " " + d.info().points() + " " + d.info().reason())
                .contains("FIT 15 Target industry", "ENGAGEMENT 10 Attended a webinar");
        assertThat(checked.canonical()).doesNotContain("@").doesNotContain("accounts.csv");
    }

    @Test
    void aBadRowIsReportedAtItsRowAndColumn() {
        String table = """
                axis,field,value,points
                fit,industry,SaaS,15
                fit,favourite_colour,red,5
                fit,employee_count,lots,5
                fitness,country,US,5
                fit,country,US,five
                """;

        CheckedFile checked = PointTable.check("b2b/bad.csv", table);

        assertThat(checked.accepted()).isFalse();
        assertThat(checked.problems()).extracting(BuildProblem::line, BuildProblem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 2), org.assertj.core.groups.Tuple.tuple(4, 3),
                        org.assertj.core.groups.Tuple.tuple(5, 1), org.assertj.core.groups.Tuple.tuple(6, 4));
        assertThat(checked.problems().get(0).message()).startsWith("row 3, column field: 'favourite_colour' is not a prospect field");
        assertThat(checked.problems().get(1).message()).startsWith("row 4, column value: is 'lots'; give a number");
        assertThat(checked.problems().get(2).message()).contains("write fit or engagement");
        assertThat(checked.problems().get(3).message()).contains("give a whole number");
    }

    @Test
    void aRowNamedAsTheModelsCapIsRefusedAtItsRuleColumn() {
        CheckedFile checked = PointTable.check("b2b/cap.csv", "axis,field,value,points,rule\nfit,country,US,5,Engagement Floor\n");

        assertThat(checked.problems()).singleElement().extracting(BuildProblem::line, BuildProblem::column, BuildProblem::message)
                .containsExactly(2, 5, "row 2, column rule: \"engagement floor\" is the name of the model's engagement floor, not a rule's: give the rule another name");
    }

    @Test
    void aMissingColumnOrAnUnknownOneIsNamed() {
        assertThat(PointTable.check("t.csv", "axis,field,value\nfit,industry,SaaS\n").problems()).singleElement()
                .extracting(BuildProblem::message).asString().contains("needs a column named 'points'");
        assertThat(PointTable.check("t.csv", "axis,field,value,points,salience\n").problems()).singleElement()
                .extracting(BuildProblem::column, BuildProblem::message).containsExactly(5, "row 1, column 5: 'salience' is not a column of a point table; "
                        + "the columns are axis, field, value, points and optionally test, reason, rule, max, days");
    }

    @Test
    void aValueCannotBreakOutOfItsString() {
        String hostile = "axis,field,value,points,reason\n"
                + "fit,company,\"Acme\"\" ) then System.exit(0); end rule \"\"x\",5,\"x\"\") @routing(reject\"\n";

        CheckedFile checked = PointTable.check("b2b/hostile.csv", hostile);

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.canonical()).contains("company == \"Acme\\\" ) then System.exit(0); end rule \\\"x\"");
        // "@routing(reject" is the text of the reason, not an annotation.
        assertThat(checked.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.info().reason()).isEqualTo("x\") @routing(reject");
            assertThat(rule.info().routing()).isNull();
            assertThat(rule.info().points()).isEqualTo(5);
        });
    }

    @Test
    void aBlankLineKeepsTheRowNumbersOfTheFile_andARowThatIsNotCsvIsNamed() {
        CheckedFile blank = PointTable.check("t.csv", "axis,field,value,points\nfit,industry,SaaS,15\n\nfit,colour,red,5\n");
        assertThat(blank.problems()).singleElement().extracting(BuildProblem::line, BuildProblem::column).containsExactly(4, 2);

        CheckedFile broken = PointTable.check("t.csv", "axis,field,value,points\nfit,industry,SaaS,15\nfit,title,\"never closed,5\n");
        assertThat(broken.accepted()).isFalse();
        assertThat(broken.problems()).singleElement().extracting(BuildProblem::message).asString().endsWith("cannot be read as CSV");
    }

    @Test
    void aTableOfMoreRowsThanAllowedIsRefused() {
        String table = "axis,field,value,points\n" + "fit,industry,SaaS,1\n".repeat(PointTable.MAX_ROWS);
        assertThat(PointTable.check("t.csv", table).problems()).singleElement().extracting(BuildProblem::message).asString()
                .contains("more than " + PointTable.MAX_ROWS + " rows");
    }
}
