package org.leadscoring.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a rule set of any size in the style of the shipped rules: fit rules on ranges, lists and equality,
 * engagement rules per activity type, and a model {@code gen} over them. Rule {@code i} is the same in every
 * size, so sizes differ only in how many there are.
 */
public final class GeneratedRules {

    private static final String[] COUNTRIES = { "US", "CA", "GB", "DE", "FR", "NL", "ES", "IT", "JP", "AU", "BR", "IN" };
    private static final String[] INDUSTRIES = { "software", "saas", "fintech", "healthcare", "retail", "media", "education",
            "government", "manufacturing", "consulting" };
    private static final String[] SENIORITIES = { "EXECUTIVE", "VP", "DIRECTOR", "MANAGER", "INDIVIDUAL", "STUDENT" };

    private GeneratedRules() {
    }

    /** Writes {@code count} rules under {@code root/rules/gen/} and the model {@code root/scoring-models/gen.yaml}. */
    public static void write(Path root, int count) {
        try {
            Path rules = Files.createDirectories(root.resolve("rules/gen"));
            Path models = Files.createDirectories(root.resolve("scoring-models"));
            int perFile = 100;
            for (int file = 0; file * perFile < count; file++) {
                StringBuilder drl = new StringBuilder("package gen;\n\nimport org.leadscoring.scoring.Activity;\n"
                        + "import org.leadscoring.scoring.Prospect;\nimport org.leadscoring.scoring.Seniority;\n\n");
                for (int i = file * perFile; i < Math.min(count, (file + 1) * perFile); i++) {
                    drl.append(rule(i)).append('\n');
                }
                Files.writeString(rules.resolve(String.format(Locale.ROOT, "rules-%03d.drl", file)), drl);
            }
            Files.writeString(models.resolve("gen.yaml"), """
                    name: gen
                    description: Generated rules for benchmarks.
                    rules:
                      - gen/*.drl
                    qualification: { min_fit: 40, min_engagement: 30, hysteresis: 10 }
                    grades:
                      - { grade: A, min: 110 }
                      - { grade: B, min: 50 }
                      - { grade: C }
                    limits:
                      fit: { floor: 0, cap: 100 }
                      engagement: { floor: 0, cap: 100 }
                    decay:
                      default: { half_life_days: 30 }
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rule(int i) {
        String when = switch (i % 5) {
            case 0 -> "Prospect( employeeCount >= " + (i * 7 % 900) + ", employeeCount < " + (i * 7 % 900 + 50 + i % 100) + " )";
            case 1 -> "Prospect( country == \"" + COUNTRIES[i % COUNTRIES.length] + "\", seniority == Seniority."
                    + SENIORITIES[i % SENIORITIES.length] + " )";
            case 2 -> "Prospect( industryKey in (\"" + INDUSTRIES[i % INDUSTRIES.length] + "\", \""
                    + INDUSTRIES[(i + 3) % INDUSTRIES.length] + "\") )";
            case 3 -> "Activity( type == \"activity_" + (i % 40) + "\" )";
            default -> "Prospect( annualRevenue > " + (long) (i % 50) * 1_000_000L + ", freeEmail == false )";
        };
        String points = i % 5 == 3 ? "@engagement(" + (1 + i % 20) + ") @max(3)" : "@fit(" + (i % 11 - 3) + ")";
        return "rule \"Generated rule " + i + "\"\n    " + points + " @reason(\"Generated rule " + i + "\")\nwhen\n    " + when + "\nthen end\n";
    }
}
