package org.leadscoring.scoring.ruleset.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.ruleset.language.RuleForm.ActivityCondition;
import org.leadscoring.scoring.ruleset.language.RuleForm.Condition;

/** The rule builder's reading and writing, on the server: the shipped rules, edits in place, named problems, generated values. */
class RuleFormsTest {

    static final Path SHIPPED = Path.of("rules/b2b");

    static RuleForm webinar(String name) {
        return new RuleForm(name, "engagement", 12, 2, "Attended a webinar lately", List.of(new Condition("industry", "one_of", "Software, SaaS"),
                new Condition("employeeCount", "at_least", "50")), new ActivityCondition("webinar_attended", 30));
    }

    @Test
    void givenTheShippedRules_thenEveryRuleIsListed_andEachFormPrintsBackToTheSameForm() throws Exception {
        int forms = 0;
        try (var files = Files.list(SHIPPED)) {
            for (Path file : files.sorted().toList()) {
                String text = Files.readString(file);
                RuleForms.Reading reading = RuleForms.read(text);
                assertThat(reading.problem()).isNull();
                CheckedFile checked = RuleLanguage.check(file.toString(), text);
                assertThat(reading.rules()).extracting(RuleForms.FormRule::name).containsExactlyElementsOf(checked.rules().stream()
                        .map(CheckedFile.RuleDeclaration::name).toList());
                assertThat(reading.rules()).extracting(RuleForms.FormRule::line).containsExactlyElementsOf(checked.rules().stream()
                        .map(CheckedFile.RuleDeclaration::line).toList());
                for (RuleForms.FormRule rule : reading.rules()) {
                    if (rule.form() == null) {
                        assertThat(rule.why()).as(rule.name()).isNotBlank();
                        continue;
                    }
                    forms++;
                    // Written back in its own place, the file still checks and reads as the same form.
                    String again = RuleForms.write(text, rule.name(), rule.form()).text();
                    assertThat(RuleLanguage.check(file.toString(), again).problems()).isEmpty();
                    assertThat(RuleForms.read(again).rules()).filteredOn(r -> r.name().equals(rule.name())).singleElement()
                            .extracting(RuleForms.FormRule::form).isEqualTo(rule.form());
                }
            }
        }
        assertThat(forms).as("shipped rules in the builder's shape").isGreaterThan(10);
    }

    @Test
    void givenAFile_whenARuleIsAddedThenEdited_thenOnlyItsTextChanges_andItReadsBackAsItsForm() throws Exception {
        String text = Files.readString(SHIPPED.resolve("engagement.drl"));

        String added = RuleForms.write(text, null, webinar("Recent webinar, mid-size")).text();
        assertThat(added).startsWith(text.stripTrailing());
        assertThat(RuleLanguage.check("engagement.drl", added).problems()).isEmpty();
        RuleForms.FormRule read = RuleForms.read(added).rules().stream().filter(r -> r.name().equals("Recent webinar, mid-size")).findFirst()
                .orElseThrow();
        assertThat(read.form()).isEqualTo(webinar("Recent webinar, mid-size"));

        // Renamed and given other points: the rule is rewritten where it stands, the rest of the file kept to the character.
        RuleForm edited = new RuleForm("Recent webinar", "engagement", 15, null, "Attended a webinar lately", read.form().conditions(),
                read.form().activity());
        String rewritten = RuleForms.write(added, "Recent webinar, mid-size", edited).text();
        int at = added.indexOf("rule \"Recent webinar, mid-size\"");
        assertThat(rewritten).startsWith(added.substring(0, at));
        assertThat(RuleForms.read(rewritten).rules()).extracting(RuleForms.FormRule::form).contains(edited);
        assertThat(RuleForms.read(rewritten).rules()).extracting(RuleForms.FormRule::name).doesNotContain("Recent webinar, mid-size");
    }

    @Test
    void givenAFormTheBuilderCannotWrite_thenEachBadFieldIsNamed_andNothingIsWritten() throws IOException {
        String text = Files.readString(SHIPPED.resolve("fit.drl"));
        RuleForm bad = new RuleForm("VP-level title", "fit", null, 0, "", List.of(new Condition("employeeCount", "is", "fifty"),
                new Condition("industry", "at_least", "Software"), new Condition("nosuchfield", "is", "x"), new Condition("seniority", "is", "Boss")),
                new ActivityCondition("", -1));

        assertThatThrownBy(() -> RuleForms.write(text, null, bad)).isInstanceOfSatisfying(RuleForms.Invalid.class,
                e -> assertThat(e.problems()).extracting(RuleForms.Problem::field).containsExactly("rule.reason", "rule.points", "rule.max",
                        "rule.conditions[0].value", "rule.conditions[1].operator", "rule.conditions[2].property", "rule.conditions[3].value",
                        "rule.activity.type"));
        // A new rule may not take the name of one already in the file; an edit must name a rule that is there.
        RuleForm clash = webinar("VP-level title");
        assertThatThrownBy(() -> RuleForms.write(text, null, clash)).isInstanceOfSatisfying(RuleForms.Invalid.class,
                e -> assertThat(e.problems()).extracting(RuleForms.Problem::field).containsExactly("rule.name"));
        assertThatThrownBy(() -> RuleForms.write(text, "No such rule", webinar("New"))).isInstanceOfSatisfying(RuleForms.Invalid.class,
                e -> assertThat(e.problems()).extracting(RuleForms.Problem::field).containsExactly("replacing"));
    }

    @Test
    void givenRulesOfAnotherShape_thenListedWithWhy_andAFileThatDoesNotParseIsSaid() {
        String text = """
                package b2b;
                rule "Either" @fit(5) @reason("x")
                when
                    Prospect( employeeCount > 10 || industry == "Software" )
                then end
                rule "Never" @fit(5) @reason("x")
                when
                    not Activity( type == "unsubscribed" )
                then end
                """;
        RuleForms.Reading reading = RuleForms.read(text);
        assertThat(reading.rules()).extracting(RuleForms.FormRule::name).containsExactly("Either", "Never");
        assertThat(reading.rules()).allSatisfy(r -> assertThat(r.form()).isNull());
        assertThat(reading.rules().get(0).why()).contains("employeeCount > 10");
        assertThat(reading.rules().get(1).why()).contains("not or exists");

        assertThat(RuleForms.read("package b2b;\nrule \"Half\" when Prospect( then").problem()).contains("cannot be read");
        assertThatThrownBy(() -> RuleForms.write("package b2b;\nrule \"Half\" when Prospect( then", null, webinar("New")))
                .isInstanceOfSatisfying(RuleForms.Invalid.class, e -> assertThat(e.problems()).extracting(RuleForms.Problem::field).containsExactly("text"));
    }

    /**
     * Generated names, reasons and values full of what breaks out of a literal — quotes, backslashes, unicode escapes,
     * comment and code fragments, control characters, other scripts: each form is refused at a named field, or its rule
     * passes the rule language, runs nothing, and reads back with every value exactly as typed.
     */
    @Test
    void givenGeneratedValues_thenEachIsRefusedAtItsFieldOrWrittenAsACheckedLiteralThatReadsBackUnchanged() throws Exception {
        String[] pieces = {"\"", "\\", "\\u0022", "\\\"", "'", ")", "(", ",", "//", "/*", "*/", "then", "end", "System.exit(1);", "${x}",
            "\n", "\t", "\u0000", "é", "名", "\uD83D\uDE00", "rule \"x\"", "@fit(99)", " ", "a", "Software", "%s", "\r", ";", "&&", "||"};
        Random random = new Random(20261204);
        int written = 0;
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            String name = generated(random, pieces);
            String reason = generated(random, pieces);
            String value = generated(random, pieces);
            String type = generated(random, pieces);
            RuleForm form = new RuleForm(name, "fit", 5, null, reason, List.of(new Condition("industry", "is", value),
                    new Condition("title", "contains", value)), new ActivityCondition(type, 7));
            RuleForms.Written w;
            try {
                w = RuleForms.write("package b2b;\n", null, form);
            } catch (RuleForms.Invalid e) {
                assertThat(e.problems()).allSatisfy(p -> assertThat(p.field()).startsWith("rule."));
                refused++;
                continue;
            }
            written++;
            CheckedFile checked = RuleLanguage.check("generated.drl", w.text());
            assertThat(checked.problems()).as(w.rule()).isEmpty();
            RuleForm back = RuleForms.read(w.text()).rules().get(0).form();
            assertThat(back).as(w.rule()).isNotNull();
            assertThat(back.name()).isEqualTo(name.strip());
            assertThat(back.reason()).isEqualTo(reason.strip());
            assertThat(back.conditions()).extracting(Condition::value).containsExactly(value, value);
            assertThat(back.activity().type()).isEqualTo(type.strip());
        }
        assertThat(written).as("forms written").isGreaterThan(80);
        assertThat(refused).as("forms refused").isGreaterThan(80);
    }

    private static String generated(Random random, String[] pieces) {
        List<String> parts = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            parts.add(pieces[random.nextInt(pieces.length)]);
        }
        return String.join("", parts);
    }
}
