package org.leadscoring.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.leadscoring.workbench.VersionChanges.Change;
import org.leadscoring.workbench.VersionChanges.Kind;

/** What changed between two versions, rule by rule, as the rule language reads them: a comment is not a change. */
class VersionChangesTest {

    static final String FIT = "rules/b2b/fit.drl";

    static Map<String, String> shipped() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of(FIT, "rules/b2b/engagement.drl", "scoring-models/b2b.yaml")) {
            files.put(name, Files.readString(Path.of(name)));
        }
        return files;
    }

    @Test
    void givenRulesAddedRemovedRepointedAndReconditioned_thenEachIsSaidOnce_andACommentIsNoChange() throws IOException {
        Map<String, String> before = shipped();
        String fit = before.get(FIT);
        assertThat(fit).contains("@fit(20)").contains("rule \"Mid-size company\"");
        Map<String, String> after = new LinkedHashMap<>(before);
        String changed = fit.replaceFirst("@fit\\(20\\)", "@fit(25)")
                + "\n// a comment only\nrule \"Named account\"\n    @fit(7) @reason(\"A named account\")\nwhen\n    Prospect( company == \"Initrode\" )\nthen end\n";
        changed = removeRule(changed, "Mid-size company");
        after.put(FIT, changed);
        after.put("scoring-models/b2b.yaml", before.get("scoring-models/b2b.yaml").replace("min_fit: 40", "min_fit: 45"));
        after.remove("rules/b2b/engagement.drl");

        List<Change> changes = VersionChanges.between(before, after);

        String repointed = ruleWithPoints(fit, "@fit(20)");
        assertThat(changes).contains(new Change(FIT, repointed, Kind.POINTS, "20 fit", "25 fit"),
                new Change(FIT, "Named account", Kind.ADDED, null, "7 fit"),
                new Change("scoring-models/b2b.yaml", null, Kind.FILE_CHANGED, null, null),
                new Change("rules/b2b/engagement.drl", null, Kind.FILE_REMOVED, null, null));
        assertThat(changes).filteredOn(c -> c.kind() == Kind.REMOVED && FIT.equals(c.file())).extracting(Change::rule).containsExactly("Mid-size company");
        assertThat(changes).filteredOn(c -> FIT.equals(c.file())).hasSize(3);
        // A file written differently but meaning the same (a comment, blank lines) is no change at all.
        Map<String, String> commented = new LinkedHashMap<>(before);
        commented.put(FIT, "// reviewed\n\n" + fit.replace("\nrule ", "\n\n// next\nrule "));
        assertThat(VersionChanges.between(before, commented)).isEmpty();
    }

    @Test
    void givenAConditionChangedOrAFileTheLanguageRefuses_thenItIsSaidInWords() throws IOException {
        Map<String, String> before = shipped();
        String fit = before.get(FIT);
        Map<String, String> after = new LinkedHashMap<>(before);
        after.put(FIT, fit.replace("employeeCount >= 50", "employeeCount >= 60"));
        assertThat(fit).contains("employeeCount >= 50");
        assertThat(VersionChanges.between(before, after)).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.CONDITIONS);
            assertThat(c.rule()).isNotBlank();
        });
        after.put(FIT, fit + "\nrule \"Broken\" when Prospect( nonsense ) then System.exit(1); end\n");
        assertThat(VersionChanges.between(before, after)).containsExactly(new Change(FIT, null, Kind.FILE_CHANGED, null, null));
    }

    /** The name of the rule holding {@code annotation} (its first). */
    private static String ruleWithPoints(String drl, String annotation) {
        int at = drl.indexOf(annotation);
        int rule = drl.lastIndexOf("rule \"", at);
        return drl.substring(rule + 6, drl.indexOf('"', rule + 6));
    }

    /** The text without the named rule (from its line to its {@code then end}). */
    private static String removeRule(String drl, String name) {
        int start = drl.indexOf("rule \"" + name + "\"");
        int end = drl.indexOf("then end", start) + "then end".length();
        return drl.substring(0, start) + drl.substring(end);
    }
}
