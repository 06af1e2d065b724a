package org.leadscoring.scoring.ruleset.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Evaluation;
import org.leadscoring.scoring.Fixtures;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.CompiledModel;
import org.leadscoring.scoring.ruleset.RuleSetBuilder;
import org.leadscoring.scoring.ruleset.Snapshot;

/** The rule language: what it accepts compiles and scores as documented; what it refuses is named at its line and column. */
class RuleLanguageTest {

    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void givenShippedRules_thenAccepted() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                CheckedFile checked = RuleLanguage.check(file.toString(), Files.readString(file));
                assertThat(checked.problems()).as(file.toString()).isEmpty();
                assertThat(checked.canonical()).contains("rule \"").doesNotContain("matches \"");
            }
        }
    }

    @Test
    void givenHostileCorpus_thenEveryFileRefusedAtItsLineAndColumn() throws IOException {
        Map<String, String[]> expected = HostileCorpus.refusals();
        List<Path> files = HostileCorpus.files();
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : files) {
            String name = file.getFileName().toString();
            CheckedFile checked = RuleLanguage.check("b2b/" + name, Files.readString(file));

            assertThat(checked.accepted()).as(name).isFalse();
            assertThat(checked.canonical()).as(name).isNull();
            BuildProblem first = checked.problems().get(0);
            assertThat(first.file()).isEqualTo("b2b/" + name);
            assertThat(first.line() + ":" + first.column()).as(name).isEqualTo(expected.get(name)[0]);
            assertThat(first.message()).as(name).startsWith(expected.get(name)[1]);
            assertThat(checked.problems()).allSatisfy(p -> assertThat(p.line()).isPositive()).allSatisfy(p -> assertThat(p.column()).isPositive());
        }
    }

    @Test
    void givenConditions_thenTheCanonicalDrlSaysExactlyWhatWasChecked() {
        String drl = """
                package b2b;
                import org.leadscoring.scoring.Prospect;
                rule "Canonical"
                    @fit( 5 ) @reason("Says \\"hi\\" with a \\\\ backslash")
                when
                    Prospect( ( country == "US" || country == "CA" ) && employeeCount >= 0x10,
                              (annualRevenue + 1) * 2 > 10, email matches "a\\\\.b.*" )
                then
                    // a comment is not code
                end
                """;

        CheckedFile checked = RuleLanguage.check("b2b/c.drl", drl);

        assertThat(checked.problems()).isEmpty();
        // The rule is called by its id; its name, points and reason travel beside the DRL.
        assertThat(checked.canonical()).contains("rule \"r1\"\n").doesNotContain("Canonical").doesNotContain("@").doesNotContain("package")
                .contains("(country == \"US\" || country == \"CA\") && employeeCount >= 16,")
                .contains("(annualRevenue != null && (annualRevenue + 1) * 2 > 10),")
                .contains("email linearMatches \"a\\\\.b.*\" )")
                .doesNotContain("comment");
        assertThat(checked.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("r1");
            assertThat(rule.name()).isEqualTo("Canonical");
            assertThat(rule.info().points()).isEqualTo(5);
            assertThat(rule.info().reason()).isEqualTo("Says \"hi\" with a \\ backslash");
        });
        // Every canonical line knows the line it was printed from.
        int conditionLine = checked.canonical().lines().toList().indexOf("(country == \"US\" || country == \"CA\") && employeeCount >= 16,") + 1;
        assertThat(checked.origin(conditionLine).line()).isEqualTo(6);
    }

    @Test
    void givenUnknownPropertyOrSeniority_thenRefusedAtTheName() {
        String drl = "package b2b;\nimport org.leadscoring.scoring.Prospect;\nimport org.leadscoring.scoring.Seniority;\n"
                + "rule \"Typo\" @fit(1)\nwhen\n    Prospect( senority == Seniority.VP )\nthen end\n"
                + "rule \"Rank\" @fit(1)\nwhen\n    Prospect( seniority == Seniority.INTERN )\nthen end\n";

        List<BuildProblem> problems = RuleLanguage.check("b2b/t.drl", drl).problems();

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).line() + ":" + problems.get(0).column()).isEqualTo("6:15");
        assertThat(problems.get(0).message()).startsWith("Prospect has no property 'senority'").contains("seniority");
        assertThat(problems.get(1).line() + ":" + problems.get(1).column()).isEqualTo("10:38");
        assertThat(problems.get(1).message()).startsWith("Seniority has no value INTERN");
    }

    @Test
    void givenValuesThatCanNeverBeCompared_thenRefusedAtTheValue() {
        String drl = "package b2b;\nimport org.leadscoring.scoring.Prospect;\nimport org.leadscoring.scoring.Activity;\n"
                + "rule \"A\" @fit(1)\nwhen\n    Prospect( employeeCount == \"fifty\" )\nthen end\n"
                + "rule \"B\" @fit(1)\nwhen\n    Activity( daysAgo matches \"1.*\" )\nthen end\n"
                + "rule \"C\" @fit(1)\nwhen\n    Prospect( custom[\"seats\"] * 2 > 10 )\nthen end\n"
                + "rule \"D\" @fit(1)\nwhen\n    Prospect( purchased == null )\nthen end\n";

        List<BuildProblem> problems = RuleLanguage.check("b2b/k.drl", drl).problems();

        assertThat(problems).extracting(p -> p.line() + ":" + p.column()).containsExactly("6:15", "10:23", "14:15", "18:15");
        assertThat(problems.get(0).message()).isEqualTo("employeeCount is a number and cannot be compared (==) with text");
        assertThat(problems.get(1).message()).startsWith("matches compares text");
        assertThat(problems.get(2).message()).startsWith("arithmetic (*) works on numbers");
        assertThat(problems.get(3).message()).startsWith("purchased is true or false, always known");
    }

    @Test
    void givenPatterns_thenOnlyThoseALinearEngineAcceptsWithoutNestedRepetitionPass() {
        assertThat(LinearMatches.problem("(test|testing|tester)[0-9]*")).isEmpty();
        assertThat(LinearMatches.problem(".*(https?://|www\\.).*")).isEmpty();
        assertThat(LinearMatches.problem("[a-z]{2,3}(\\.[a-z]+)?")).isEmpty();
        assertThat(LinearMatches.problem("(a+)+")).isPresent();
        assertThat(LinearMatches.problem("(x|(.*a)){2,}")).isPresent();
        assertThat(LinearMatches.problem("((ab)*c)*")).isPresent();
        assertThat(LinearMatches.problem("(a)\\1")).isPresent();
        assertThat(LinearMatches.problem("a".repeat(LinearMatches.MAX_PATTERN_LENGTH + 1))).isPresent();
    }

    @Test
    void givenLongTextAndAPatternThatBacktracksInJavaRegex_whenMatched_thenAnswersInLinearTime() {
        // ".*a.*a.*a.*a.*b" takes java.util.regex polynomial time on a long run of a's; RE2/J reads the text once.
        String text = "a".repeat(LinearMatches.MAX_TEXT - 1);
        assertThat(LinearMatches.INSTANCE.eval(text, ".*a.*a.*a.*a.*b")).isFalse();
        assertThat(LinearMatches.INSTANCE.eval(text + "b", ".*a.*a.*a.*a.*b")).isTrue();
    }

    @Test
    void givenTextLongerThanTheBound_whenMatched_thenItsFirstCharactersAreRead() {
        String longText = "a".repeat(200_000) + "b";
        assertThat(LinearMatches.INSTANCE.eval(longText, ".*b")).as("the b lies past what matches reads").isFalse();
        assertThat(LinearMatches.INSTANCE.eval("a".repeat(LinearMatches.MAX_TEXT - 1) + "b" + "c".repeat(10_000), ".*b")).isTrue();
    }

    @Test
    void givenCostlyPatterns_thenRefusedByTheirShapeBeforeAnyIsCompiled() {
        assertThat(LinearMatches.programSize("(test|testing|tester)[0-9]*")).isLessThan(40);
        assertThat(LinearMatches.programSize("a{3}")).isEqualTo(6);
        // Each of these exhausts memory or the stack when compiled; the count refuses them first.
        assertThat(LinearMatches.problem("((a{0,1000}){0,1000}){0,1000}")).get().asString().startsWith("the pattern is too costly");
        assertThat(LinearMatches.problem("zz" + ".{0,1000}".repeat(50))).get().asString().startsWith("the pattern is too costly");
        assertThat(LinearMatches.problem("a{0,99999999999}")).get().asString().contains("at most 1000");
        assertThat(LinearMatches.problem("(".repeat(11) + "a" + ")".repeat(11))).get().asString().contains("nests groups");
        assertThat(LinearMatches.problem("\\Qabc\\E[0-9]{1,5}\\p{L}+")).isEmpty();
        assertThat(LinearMatches.problem("zz.{0,900}")).isEmpty();
        assertThat(LinearMatches.problem("zz.{0,900}.{0,900}")).isPresent();
    }

    @Test
    void givenEveryDocumentedConstruct_thenCompiledAndScoredAsDocumented() {
        Fixtures.copy("language", dir);
        RuleSetBuilder.Result built = new RuleSetBuilder("lang", 10_000).build(Snapshot.read(dir.resolve("rules"), dir.resolve("scoring-models")));
        assertThat(built.errors()).isEmpty();
        CompiledModel model = built.ruleSet().model("lang").orElseThrow();

        Prospect dana = Prospect.builder("sales1@acme-analytics.com").firstName("Dana").lastName("Lee").company("Acme Analytics")
                .title("VP of Marketing").country("US").employeeCount(120).annualRevenue(1_000_000L).custom(Map.of("plan", "enterprise")).build();
        List<Activity> activities = List.of(
                new Activity("web_form", NOW.minusSeconds(86_400), Map.of("form", "contact-sales"), 0),
                new Activity("web_form", NOW.minusSeconds(30 * 86_400), Map.of("form", "contact-sales"), 0),
                new Activity("webinar_attended", NOW.minusSeconds(3_600)),
                new Activity("demo_request", NOW.minusSeconds(3_600)));
        Evaluation evaluation = model.evaluate(dana.normalised(), activities, NOW);

        assertThat(evaluation.firedRules()).containsExactlyInAnyOrder("Range", "In a list", "Not in a list", "Enum value",
                "Boolean and negation", "Pattern", "Not a pattern", "Contains", "Arithmetic", "Custom attribute", "Null check",
                "Recent activity with a property", "Prospect and activity", "Unless unsubscribed", "Has a demo request");
        assertThat(evaluation.contactRoutes()).singleElement().asString().contains("Asked for a demo");

        Prospect nobody = Prospect.ofEmail("rival@rival.example");
        Evaluation rejected = model.evaluate(nobody, List.of(new Activity("unsubscribe", NOW)), NOW);
        assertThat(rejected.firedRules()).containsExactlyInAnyOrder("Not a pattern", "Boolean and negation", "Null check", "Competitor");
        assertThat(rejected.rejectRoutes()).singleElement().asString().contains("Competitor \"Rival\" domain");
    }
}
