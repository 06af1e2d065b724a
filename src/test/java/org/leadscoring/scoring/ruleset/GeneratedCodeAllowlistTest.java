package org.leadscoring.scoring.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.Seniority;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.FactType;
import org.leadscoring.scoring.ruleset.language.PointTable;
import org.leadscoring.scoring.ruleset.language.RuleLanguage;

/**
 * The allowlist of {@link GeneratedCodeCheck} is exactly what code generated from the rule language has: compiling
 * every construct the rule language accepts — each property of each fact with each operator and each kind of
 * literal, the shipped rules, the test fixtures and a file of many rules — makes exactly the committed entries.
 *
 * <p>After a Drools upgrade or a change to the rule language, regenerate the list and review its diff:
 * {@code mvn test -Dtest=GeneratedCodeAllowlistTest -Dleadscoring.write-allowlist=true}.
 */
class GeneratedCodeAllowlistTest {

    static final Path LIST = Path.of("src/main/resources/org/leadscoring/scoring/ruleset", GeneratedCodeCheck.ALLOWLIST);

    @Test
    void givenEveryConstructOfTheRuleLanguage_thenTheGeneratedCodeMakesExactlyTheReviewedList() throws IOException {
        List<CheckedFile> corpus = corpus();
        List<BuildProblem> problems = new ArrayList<>();

        DrlCompiler.Generated generated = new DrlCompiler().generate(corpus, problems);
        assertThat(problems).isEmpty();
        Set<String> entries;
        try {
            entries = GeneratedCodeCheck.entries(generated.classes());
        } finally {
            generated.discard();
        }

        if (Boolean.getBoolean("leadscoring.write-allowlist")) {
            StringBuilder out = new StringBuilder("# What code Drools generates from the rule language does, entry by entry (GeneratedCodeCheck).\n"
                    + "# Derived by GeneratedCodeAllowlistTest from every construct of the rule language; review every change.\n");
            entries.forEach(e -> out.append(e).append('\n'));
            Files.writeString(LIST, out);
        }
        assertThat(entries).noneMatch(e -> e.startsWith("refused:"));
        assertThat(new TreeSet<>(committed())).isEqualTo(entries);
    }

    static Set<String> committed() throws IOException {
        Set<String> entries = new TreeSet<>();
        for (String line : Files.readAllLines(LIST)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                entries.add(line.strip());
            }
        }
        return entries;
    }

    /** Every construct: the generated one, the shipped rules, the fixtures, and a file of many rules. */
    static List<CheckedFile> corpus() throws IOException {
        List<CheckedFile> files = new ArrayList<>();
        files.add(accepted(RuleLanguage.check("corpus/constructs.drl", everyConstruct())));
        files.add(accepted(RuleLanguage.check("corpus/many.drl", manyRules(1_200))));
        for (Path root : List.of(Path.of("rules"), Path.of("src/test/resources/fixtures/basic/rules"), Path.of("src/test/resources/fixtures/language/rules"),
                Path.of("src/test/resources/fixtures/semantics/rules"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = root.relativize(p).toString();
                    if (name.endsWith(".drl")) {
                        files.add(accepted(RuleLanguage.check(name, Files.readString(p))));
                    } else if (PointTable.is(name)) {
                        files.add(accepted(PointTable.check(name, Files.readString(p))));
                    }
                }
            }
        }
        files.add(accepted(PointTable.check("corpus/table.csv", """
                axis,field,test,value,points,reason,max,days
                fit,industry,is one of,SaaS|Software,15,Target industry,,
                fit,employee_count,at least,1000,10,,,
                fit,employee_count,at most,10,-5,,,
                fit,annual_revenue,at least,1000000.5,5,,,
                fit,title,contains,Marketing,5,,,
                fit,title,matches,.*(VP|Head).*,5,,,
                fit,seniority,is,vp,10,,,
                fit,country,is not,FR,1,,,
                fit,free_email,is,no,3,,,
                engagement,activity,is,Webinar Attended,10,,2,30
                """)));
        return files;
    }

    private static CheckedFile accepted(CheckedFile file) {
        assertThat(file.problems()).as(file.file()).isEmpty();
        return file;
    }

    /**
     * One rule per property, operator and kind of literal the rule language accepts for it; combinations it refuses
     * (a number compared with text) are left out by asking it, and those Drools refuses when it types them ({@code !}
     * on text, {@code contains} on a number or a map entry) by their kind.
     */
    static String everyConstruct() {
        List<String> rules = new ArrayList<>();
        List<String> allLiterals = List.of("\"x\"", "5", "5L", "4.5", "-2", "true", "null", "Seniority.VP");
        List<String> comparisons = List.of("==", "!=", "<", "<=", ">", ">=");
        for (FactType fact : FactType.values()) {
            for (Map.Entry<String, Class<?>> property : fact.properties().entrySet()) {
                String p = property.getKey();
                Class<?> type = property.getValue();
                boolean text = type == String.class;
                boolean flag = type == boolean.class || type == Boolean.class;
                boolean number = type.isPrimitive() && !flag || Number.class.isAssignableFrom(type);
                boolean wide = type == long.class || type == Long.class || Map.class.isAssignableFrom(type);
                List<String> values = Map.class.isAssignableFrom(type) ? List.of(p + "[\"k\"]") : List.of(p);
                // Drools cannot narrow a long literal (5L) to an int or a BigDecimal property.
                List<String> literals = wide ? allLiterals : allLiterals.stream().filter(l -> !l.endsWith("L")).toList();
                for (String v : values) {
                    for (String op : comparisons) {
                        for (String literal : literals) {
                            rules.add(v + " " + op + " " + literal);
                        }
                    }
                    for (String literal : literals) {
                        rules.add(v + " in (" + literal + ", " + literal + ")");
                        rules.add(v + " not in (" + literal + ", " + literal + ")");
                    }
                    if (text) {
                        rules.add(v + " contains \"x\"");
                        rules.add(v + " not contains \"x\"");
                        rules.add(v + " + \"s\" == \"xs\"");
                    }
                    rules.add(v + " matches \"a.*b\"");
                    rules.add(v + " not matches \"(x|y)[0-9]*\"");
                    if (flag) {
                        rules.add("!" + v);
                        rules.add("!(" + v + ")");
                    }
                    if (number) {
                        for (String arithmetic : List.of("+", "-", "*", "/", "%")) {
                            rules.add(v + " " + arithmetic + " 2 > 1");
                            rules.add("2 " + arithmetic + " " + v + " >= 1.5");
                            rules.add(v + " " + arithmetic + " 2.5 < 1");
                        }
                        if (type != java.math.BigDecimal.class) {
                            rules.add("-" + v + " < 0");
                        }
                    }
                    rules.add(v + " == " + v);
                    rules.add(v + " != null && " + v + " == \"x\" || " + v + " == \"y\"");
                }
            }
            for (Seniority s : Seniority.values()) {
                rules.add("seniority == Seniority." + s.name());
            }
        }
        StringBuilder drl = new StringBuilder("package corpus;\nimport org.leadscoring.scoring.Prospect;\nimport org.leadscoring.scoring.Activity;\n"
                + "import org.leadscoring.scoring.Seniority;\n");
        int n = 0;
        for (String condition : rules) {
            for (FactType fact : FactType.values()) {
                String rule = "rule \"c" + n + "\" @fit(1) @max(2) @reason(\"r\")\nwhen\n    " + fact.simpleName() + "( " + condition + " )\nthen end\n";
                if (RuleLanguage.check("corpus/one.drl", "package corpus;\nimport org.leadscoring.scoring.Seniority;\n" + rule).accepted()) {
                    drl.append(rule);
                    n++;
                }
            }
        }
        // Patterns under not and exists, both facts in one rule, routing rules, a rule with no conditions.
        drl.append("rule \"both\" @engagement(2)\nwhen\n    Prospect( employeeCount > 5 )\n    Activity( type == \"x\", daysAgo <= 7 )\nthen end\n");
        drl.append("rule \"not\" @routing(reject)\nwhen\n    not Activity( type == \"x\" )\n    exists Prospect( )\nthen end\n");
        drl.append("rule \"exists\" @routing(contact)\nwhen\n    exists Activity( type == \"x\" )\n    not Prospect( company == null )\nthen end\n");
        drl.append("rule \"always\" @fit(1)\nwhen\nthen end\n");
        return drl.toString();
    }

    static String manyRules(int count) {
        StringBuilder drl = new StringBuilder("package corpus;\nimport org.leadscoring.scoring.Prospect;\n");
        for (int i = 0; i < count; i++) {
            drl.append("rule \"m").append(i).append("\" @fit(1)\nwhen\n    Prospect( employeeCount == ").append(i).append(" )\nthen end\n");
        }
        return drl.toString();
    }
}
