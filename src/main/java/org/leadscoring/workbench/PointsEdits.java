package org.leadscoring.workbench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.PointTable;
import org.leadscoring.scoring.ruleset.language.RuleLanguage;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * New points for named rules, written where each rule's points are written and nowhere else: the number in a DRL
 * rule's {@code @fit(…)} or {@code @engagement(…)} (found in the lines from its name to its {@code when}, as the rule
 * language declares it), or the {@code points} cell of a point table's row. Everything else in the files stays as it
 * was, so a suggestion becomes an ordinary change: checked, back-tested and published as any other.
 */
public final class PointsEdits {

    /** The files changed (by name) and the rules asked for that no file declares. */
    public record Edited(Map<String, String> files, List<String> notFound) {
    }

    static final int MOST_POINTS = 1_000;
    private static final Pattern POINTS = Pattern.compile("@(fit|engagement)\\(\\s*([-+]?\\d{1,6})\\s*\\)");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private PointsEdits() {
    }

    public static Edited apply(Map<String, String> files, Map<String, Integer> points) {
        for (Map.Entry<String, Integer> p : points.entrySet()) {
            if (p.getValue() == null || Math.abs(p.getValue()) > MOST_POINTS) {
                throw new IllegalArgumentException("points." + p.getKey() + " is a whole number from -" + MOST_POINTS + " to " + MOST_POINTS);
            }
        }
        Map<String, String> changed = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        files.forEach((name, text) -> {
            if (text == null) {
                return;
            }
            String edited = name.endsWith(".drl") ? drl(name, text, points, found) : PointTable.is(name) ? table(name, text, points, found) : text;
            if (!edited.equals(text)) {
                changed.put(name, edited);
            }
        });
        List<String> notFound = points.keySet().stream().filter(r -> !found.contains(r)).sorted().toList();
        return new Edited(changed, notFound);
    }

    private static String drl(String name, String text, Map<String, Integer> points, List<String> found) {
        CheckedFile checked = RuleLanguage.check(name, text);
        if (!checked.accepted()) {
            return text;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (CheckedFile.RuleDeclaration d : checked.rules()) {
            Integer now = points.get(d.name());
            if (now == null || d.info().axis() == null) {
                continue;
            }
            for (int i = d.line() - 1; i < lines.size(); i++) {
                String line = lines.get(i);
                // On the rule's own line, after its name (a name may read like an annotation); a comment is not the rule.
                int from = i == d.line() - 1 ? afterName(line) : 0;
                int comment = line.indexOf("//", from);
                String searched = comment < 0 ? line.substring(from) : line.substring(from, comment);
                Matcher m = POINTS.matcher(searched);
                if (m.find() && m.group(1).equals(d.info().axis().jsonName())) {
                    lines.set(i, line.substring(0, from + m.start(2)) + now + line.substring(from + m.end(2)));
                    found.add(d.name());
                    break;
                }
                if (searched.strip().startsWith("when") || searched.contains(" when")) {
                    break;
                }
            }
        }
        return String.join("\n", lines);
    }

    /** Where a rule's name ends on its {@code rule "…"} line. */
    private static int afterName(String line) {
        int open = line.indexOf('"');
        int close = open < 0 ? -1 : line.indexOf('"', open + 1);
        return close < 0 ? 0 : close + 1;
    }

    private static String table(String name, String text, Map<String, Integer> points, List<String> found) {
        CheckedFile checked = PointTable.check(name, text);
        if (!checked.accepted()) {
            return text;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        List<String> header = cells(lines.get(0));
        int column = -1;
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).trim().equalsIgnoreCase("points")) {
                column = c;
            }
        }
        if (column < 0) {
            return text;
        }
        for (CheckedFile.RuleDeclaration d : checked.rules()) {
            Integer now = points.get(d.name());
            if (now == null || d.line() - 1 >= lines.size()) {
                continue;
            }
            String row = lines.get(d.line() - 1);
            boolean cr = row.endsWith("\r");
            List<String> cells = new ArrayList<>(cells(cr ? row.substring(0, row.length() - 1) : row));
            if (column < cells.size()) {
                cells.set(column, String.valueOf(now));
                lines.set(d.line() - 1, String.join(",", cells.stream().map(PointsEdits::csvCell).toList()) + (cr ? "\r" : ""));
                found.add(d.name());
            }
        }
        return String.join("\n", lines);
    }

    private static List<String> cells(String line) {
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(line)) {
            return rows.hasNext() ? List.of(rows.next()) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** A cell as CSV writes it: quoted when it holds a comma, a quote or a line break. */
    private static String csvCell(String cell) {
        return cell.matches("[^,\"\r\n]*") ? cell : "\"" + cell.replace("\"", "\"\"") + "\"";
    }
}
