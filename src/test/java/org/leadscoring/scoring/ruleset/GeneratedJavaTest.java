package org.leadscoring.scoring.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.PointTable;
import org.leadscoring.scoring.ruleset.language.RuleLanguage;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.utils.StringEscapeUtils;

/**
 * No text of a rule file reaches the Java Drools generates except as a string literal: random text drawn from every
 * Unicode category (and weighted towards what ends comments and strings: {@code *}{@code /}, quotes, backslashes, line
 * terminators of every kind, braces, their full-width look-alikes) is put in every place a rule file has text — a
 * rule's name, its reason, a quoted value, a map key, a point table's cells, the file's name — and the Java Drools
 * writes for what the rule language accepts is read token by token: the text is inside a string literal that decodes
 * to exactly the value written, or nowhere.
 */
class GeneratedJavaTest {

    private static final String[] TRICKY = { "*/", "/*", "//", "\"", "\\", "'", "`", "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "{", "}",
            ";", "\u0000", "\u001b", "\\u0022", "\uff02", "\uff3c", "\uff0a\uff0f", "\u02ba", "\u201c", "\u00a0", "\u200b", "\ufeff", "\ud800",
            "\udc00", "$", "+", " + ", ")", "(", "end", "then", "rule ", "@fit(9)", "\u0301", "e\u0301", "\ud83d\ude00", "\u202e" };
    private static final int TRIALS = 60;

    /**
     * Text to place: tricky pieces and code points of any category. When {@code printable}, only what a person could
     * type (no control characters, halves of characters or unassigned code points), so that half the trials get past
     * the rule language's own checks and the Java they make is read.
     */
    private static String randomText(Random random, boolean printable) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        while (sb.length() == 0 || parts-- > 0) {
            if (random.nextBoolean()) {
                String piece = TRICKY[random.nextInt(TRICKY.length)];
                if (!printable || piece.codePoints().allMatch(GeneratedJavaTest::typeable)) {
                    sb.append(piece);
                }
            } else {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0x3000);
                    case 2 -> 0xFF00 + random.nextInt(0x100);
                    default -> random.nextInt(Character.MAX_CODE_POINT + 1);
                };
                if (!printable || typeable(cp)) {
                    sb.appendCodePoint(cp);
                }
            }
        }
        return sb.toString();
    }

    private static boolean typeable(int cp) {
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.SURROGATE && type != Character.UNASSIGNED
                && type != Character.FORMAT && type != Character.PRIVATE_USE && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && (type != Character.SPACE_SEPARATOR || cp == ' ');
    }

    private static String drlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String csvCell(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    @Test
    void givenRandomTextInEveryPlaceARuleFileHasText_thenTheGeneratedJavaHasItOnlyInsideStringLiterals() {
        long seed = Long.getLong("leadscoring.fuzz-seed", System.nanoTime());
        Random random = new Random(seed);
        int accepted = 0;
        int literalsFound = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            String mark = "Qm" + trial + "x";
            boolean printable = trial % 2 == 0;
            String text = mark + randomText(random, printable) + mark;
            // A name may not hold a quote or a backslash; the other half of the trials tries them anyway.
            String name = mark + "n" + (printable ? randomText(random, true).replace('"', '\'').replace('\\', '/') : randomText(random, false)) + mark;
            String file = "b2b/" + mark + randomText(random, false).replace("/", "") + mark + ".drl";
            String ruleFile = "package b2b;\nimport org.leadscoring.scoring.Prospect;\n"
                    + "rule " + drlString(name) + " @fit(1) @reason(" + drlString(text) + ")\nwhen\n    Prospect( company == " + drlString(text) + " )\nthen end\n"
                    + "rule \"k" + trial + "\" @fit(1)\nwhen\n    Prospect( custom[" + drlString(text) + "] == \"v\" )\nthen end\n"
                    + "rule \"m" + trial + "\" @fit(1)\nwhen\n    Prospect( title matches " + drlString(mark + ".*") + " )\nthen end\n";
            String table = "axis,field,value,points,reason,rule\nfit,company," + csvCell(text) + ",1," + csvCell(text) + "," + csvCell(name) + "\n";
            List<CheckedFile> files = new ArrayList<>();
            for (CheckedFile checked : List.of(RuleLanguage.check(file, ruleFile), PointTable.check(file.replace(".drl", ".csv"), table))) {
                if (checked.accepted()) {
                    files.add(checked);
                } else {
                    assertThat(checked.problems()).as("seed %d: a refusal names where", seed).allSatisfy(p -> assertThat(p.line()).isPositive());
                }
            }
            if (files.isEmpty()) {
                continue;
            }
            accepted += files.size();
            List<String> sources = generatedJava(files, seed);
            for (String source : sources) {
                for (JavaToken token : tokens(source)) {
                    if (!token.getText().contains(mark)) {
                        continue;
                    }
                    assertThat(token.getKind()).as("seed %d: the text of a rule file outside a string literal in %s", seed, token.getText())
                            .isEqualTo(JavaToken.Kind.STRING_LITERAL.getKind());
                    String value = StringEscapeUtils.unescapeJava(token.getText().substring(1, token.getText().length() - 1));
                    assertThat(value).as("seed %d: a literal that is not the value written", seed).doesNotContain(name).doesNotContain(file);
                    // The value itself, or the condition's text quoted whole in Drools' description of the constraint.
                    boolean exact = value.equals(text) || value.equals(mark + ".*") || value.contains(drlString(text))
                            || value.contains(drlString(mark + ".*"));
                    assertThat(exact).as("seed %d: %s", seed, value).isTrue();
                    literalsFound++;
                }
                assertThat(source).as("seed %d: a rule's name or the file's name reached the generated Java", seed).doesNotContain(name)
                        .doesNotContain(file);
            }
        }
        assertThat(accepted).as("seed %d: most random texts are accepted, so the Java they make is read", seed).isGreaterThan(TRIALS / 2);
        assertThat(literalsFound).isGreaterThan(TRIALS);
    }

    private static List<JavaToken> tokens(String source) {
        var parsed = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parse(source);
        assertThat(parsed.isSuccessful()).as("the generated source parses").isTrue();
        List<JavaToken> tokens = new ArrayList<>();
        parsed.getResult().orElseThrow().getTokenRange().orElseThrow().forEach(tokens::add);
        return tokens;
    }

    /** The Java Drools generates for {@code files}, read from its own debug log of the sources it compiles. */
    static List<String> generatedJava(List<CheckedFile> files, long seed) {
        Logger logger = Logger.getLogger("org.drools.model.codegen.execmodel.PackageSources");
        List<String> sources = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (message != null && message.contains("package ")) {
                    sources.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(capture);
        try {
            List<BuildProblem> problems = new ArrayList<>();
            DrlCompiler.Generated generated = new DrlCompiler().generate(files, problems);
            assertThat(problems).as("seed %d", seed).isEmpty();
            generated.discard();
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        assertThat(sources).as("Drools' sources were captured").isNotEmpty();
        return sources;
    }
}
