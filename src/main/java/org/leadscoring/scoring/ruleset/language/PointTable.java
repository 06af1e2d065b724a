package org.leadscoring.scoring.ruleset.language;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.leadscoring.scoring.Seniority;
import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.language.CheckedFile.Position;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * A point table: a CSV file of rows "give [points] [fit | engagement] points when [field] [test] [value]", the
 * spreadsheet practitioners keep for titles, industries and countries. Each row is written as one rule of the rule
 * language and the whole is checked by {@link RuleLanguage} like any rule file — so a table can say nothing a rule
 * file could not — and every problem is reported at the row and column of the table it comes from.
 *
 * <p>Columns (a header row names them, in any order, any case): {@code axis} ({@code fit} or {@code engagement}),
 * {@code field} (a prospect field as rules name it, {@code employeeCount} or {@code employee_count}, or
 * {@code activity}), {@code value}, {@code points}; optional {@code test} ({@code is} by default, {@code is not},
 * {@code is one of}, {@code contains}, {@code at least}, {@code at most}, {@code matches}), {@code reason},
 * {@code rule} (the rule's name; "&lt;file&gt; row n" by default), {@code max}, and {@code days} (an activity within
 * the last so many days). A value of {@code is one of} lists its values separated by {@code |} or commas.
 * <p>Longer than ~300 lines on purpose: a point table is untrusted input like a rule file, and reading it, checking
 * every cell and printing the rules it stands for are reviewed together.
 */
public final class PointTable {

    /** The most rows a table has, and characters a cell has; spreadsheets uploaded are held to the same. */
    public static final int MAX_ROWS = 5_000;
    public static final int MAX_CELL = 500;
    private static final List<String> REQUIRED = List.of("axis", "field", "value", "points");
    private static final List<String> OPTIONAL = List.of("test", "reason", "rule", "max", "days");
    private static final Map<String, String> TESTS = Map.of("is", "==", "is not", "!=", "is one of", "in", "contains", "contains",
            "at least", ">=", "at most", "<=", "matches", "matches");
    // Empty lines are read as (blank) rows, not skipped, so that "row n" is the n-th line of the file as people count it.
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.TRIM_SPACES).build();
    private static final String HEADER = "import org.leadscoring.scoring.Prospect;\nimport org.leadscoring.scoring.Activity;\n"
            + "import org.leadscoring.scoring.Seniority;\n";

    private PointTable() {
    }

    /** Whether a rule file is a point table. */
    public static boolean is(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** Checks a point table and, when nothing is refused, gives the canonical DRL of its rules. */
    public static CheckedFile check(String file, String csv) {
        List<BuildProblem> problems = new ArrayList<>();
        List<List<String>> rows;
        try {
            rows = rows(csv);
        } catch (Unreadable e) {
            return refused(file, List.of(BuildProblem.error(file, e.row, 1, e.getMessage())));
        }
        if (rows.stream().allMatch(r -> r.stream().allMatch(String::isBlank))) {
            return refused(file, List.of(BuildProblem.error(file, 1, 1, "the table is empty: give a header row (" + String.join(", ", REQUIRED)
                    + ") and a row per rule")));
        }
        Map<String, Integer> columns = header(file, rows.get(0), problems);
        if (!problems.isEmpty()) {
            return refused(file, problems);
        }
        StringBuilder drl = new StringBuilder("package " + packageOf(file) + ";\n\n" + HEADER);
        // Where each line of the written DRL came from: the header's lines from the table's first row, then each rule's
        // lines from its row (and the column of its value).
        List<Position> from = new ArrayList<>(java.util.Collections.nCopies((int) drl.chars().filter(c -> c == '\n').count(), new Position(1, 1)));
        Set<String> names = new HashSet<>();
        for (int r = 1; r < rows.size(); r++) {
            int line = r + 1;
            Row row = new Row(file, line, rows.get(r), columns, problems);
            String rule = row.rule(names);
            if (rule == null) {
                continue;
            }
            int valueColumn = columns.get("value") + 1;
            drl.append('\n');
            from.add(new Position(line, 1));
            for (String l : rule.split("\n")) {
                drl.append(l).append('\n');
                from.add(new Position(line, l.contains("Prospect(") || l.contains("Activity(") ? valueColumn : 1));
            }
        }
        if (!problems.isEmpty()) {
            return refused(file, problems);
        }
        CheckedFile checked = RuleLanguage.check(file, drl.toString());
        List<BuildProblem> mapped = checked.problems().stream().map(p -> at(p, from, rows, columns)).toList();
        List<Position> origins = checked.origins().stream().map(o -> o.line() >= 1 && o.line() <= from.size() ? from.get(o.line() - 1) : o).toList();
        List<CheckedFile.RuleDeclaration> rules = checked.rules().stream()
                .map(d -> new CheckedFile.RuleDeclaration(d.id(), d.info(), d.file(), d.line() >= 1 && d.line() <= from.size() ? from.get(d.line() - 1).line() : d.line()))
                .toList();
        List<CheckedFile.PatternUse> patterns = checked.patterns().stream()
                .map(u -> new CheckedFile.PatternUse(u.regex(), u.textBound(), u.perActivity(), u.at().line() >= 1 && u.at().line() <= from.size()
                        ? from.get(u.at().line() - 1) : u.at()))
                .toList();
        return new CheckedFile(file, checked.canonical(), rules, mapped, origins, patterns);
    }

    private static CheckedFile refused(String file, List<BuildProblem> problems) {
        return new CheckedFile(file, null, List.of(), List.copyOf(problems), List.of());
    }

    /** A table that cannot be read as CSV, from the row where reading stopped. */
    public static final class Unreadable extends Exception {
        final int row;

        Unreadable(int row, String message) {
            super(message, null, false, false);
            this.row = row;
        }
    }

    /**
     * The rows of a point table's CSV, cells as text (at most {@link #MAX_ROWS}): how the check reads a table, and how
     * a table is read to be given back as a spreadsheet.
     */
    public static List<List<String>> rows(String csv) throws Unreadable {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(csv)) {
            while (it.hasNext()) {
                if (rows.size() >= MAX_ROWS) {
                    throw new Unreadable(rows.size() + 1, "the table has more than " + MAX_ROWS + " rows");
                }
                rows.add(it.next());
            }
        } catch (IOException | RuntimeException e) {
            int row = rows.size() + 1;
            throw new Unreadable(row, "row " + row + " cannot be read as CSV");
        }
        return rows;
    }

    private static Map<String, Integer> header(String file, List<String> cells, List<BuildProblem> problems) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c).trim().toLowerCase(Locale.ROOT).replace(' ', '_');
            if (name.isEmpty()) {
                continue;
            }
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                problems.add(BuildProblem.error(file, 1, c + 1, "row 1, column " + (c + 1) + ": '" + shorten(cells.get(c)) + "' is not a column of a point table; "
                        + "the columns are " + String.join(", ", REQUIRED) + " and optionally " + String.join(", ", OPTIONAL)));
            } else if (columns.putIfAbsent(name, c) != null) {
                problems.add(BuildProblem.error(file, 1, c + 1, "row 1, column " + (c + 1) + ": the column '" + name + "' is named twice"));
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                problems.add(BuildProblem.error(file, 1, 1, "row 1: the table needs a column named '" + required + "'"));
            }
        }
        return columns;
    }

    /** One row of the table, read into a rule. */
    private static final class Row {
        private final String file;
        private final int line;
        private final List<String> cells;
        private final Map<String, Integer> columns;
        private final List<BuildProblem> problems;

        Row(String file, int line, List<String> cells, Map<String, Integer> columns, List<BuildProblem> problems) {
            this.file = file;
            this.line = line;
            this.cells = cells;
            this.columns = columns;
            this.problems = problems;
        }

        String cell(String column) {
            Integer c = columns.get(column);
            String v = c == null || c >= cells.size() ? "" : cells.get(c).trim();
            if (v.length() > MAX_CELL) {
                refuse(column, "is longer than " + MAX_CELL + " characters");
                return "";
            }
            if (isFormula(v)) {
                refuse(column, "starts with " + v.charAt(0) + ", which a spreadsheet runs as a formula: write it without (or put it in quotes after another character)");
                return "";
            }
            String problem = RuleNames.textProblem(v).orElse(null);
            if (problem != null) {
                refuse(column, problem.replace("text in quotes", "a cell"));
                return "";
            }
            return v;
        }

        void refuse(String column, String message) {
            int c = columns.getOrDefault(column, 0) + 1;
            problems.add(BuildProblem.error(file, line, c, "row " + line + ", column " + column + ": " + message));
        }

        /** The rule this row writes, or null (with its problems noted) when it cannot be written. */
        String rule(Set<String> names) {
            if (cells.stream().allMatch(String::isBlank)) {
                return null;
            }
            int before = problems.size();
            String axis = cell("axis").toLowerCase(Locale.ROOT);
            if (!axis.equals("fit") && !axis.equals("engagement")) {
                refuse("axis", "is '" + shorten(axis) + "'; write fit or engagement");
            }
            Integer points = whole("points", true);
            Integer max = whole("max", false);
            Integer days = whole("days", false);
            String test = cell("test").isEmpty() ? "is" : cell("test").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            String operator = TESTS.get(test);
            if (operator == null) {
                refuse("test", "is '" + shorten(test) + "'; write one of " + String.join(", ", new java.util.TreeSet<>(TESTS.keySet())));
            }
            String fieldName = cell("field");
            String value = cell("value");
            if (value.isEmpty()) {
                refuse("value", "is empty");
            }
            String condition = problems.size() > before ? null : condition(fieldName, operator, value, days);
            if (condition == null || problems.size() > before) {
                return null;
            }
            boolean ownName = !cell("rule").isEmpty();
            String name = ownName ? cell("rule") : named(fieldName, test, value);
            if (!ownName && names.contains(name)) {
                name = name + " (row " + line + ")";
            }
            // A name is the row's own (its rule column) or made from its field.
            String nameColumn = ownName ? "rule" : "field";
            String nameProblem = RuleNames.reserved(name).orElse(null);
            if (nameProblem != null) {
                refuse(nameColumn, nameProblem);
                return null;
            }
            if (!names.add(name)) {
                refuse(nameColumn, "the rule name '" + shorten(name) + "' is used by an earlier row");
                return null;
            }
            String reason = cell("reason").isEmpty() ? fieldName + " " + test + " " + value : cell("reason");
            return "rule " + quote(name) + "\n    @" + axis + "(" + points + ")" + (max == null ? "" : " @max(" + max + ")") + " @reason(" + quote(reason)
                    + ")\nwhen\n    " + condition + "\nthen end";
        }

        /**
         * A row's rule named as people read it: by its reason ("Target industry"), else by its test ("industry is SaaS");
         * the two characters a rule's name may not hold become ', and a long one is cut.
         */
        private String named(String fieldName, String test, String value) {
            String base = cell("reason").isEmpty() ? fieldName + " " + test + " " + value : cell("reason");
            String name = base.replaceAll("[\"\\\\\\p{Cntrl}\\p{Zl}\\p{Zp}]", "'").strip();
            return name.length() > 150 ? name.substring(0, 150) + "…" : name;
        }

        private Integer whole(String column, boolean required) {
            String v = cell(column);
            if (v.isEmpty()) {
                if (required) {
                    refuse(column, "is empty; give a whole number");
                }
                return null;
            }
            if (!v.matches("[-+]?\\d{1,6}")) {
                refuse(column, "is '" + shorten(v) + "'; give a whole number");
                return null;
            }
            return Integer.parseInt(v.replace("+", ""));
        }

        /** The pattern of the row: {@code Prospect( field op value )} or {@code Activity( type == "…" )}. */
        private String condition(String fieldName, String operator, String value, Integer days) {
            if (fieldName.equalsIgnoreCase("activity")) {
                if (!operator.equals("==")) {
                    refuse("test", "an activity row takes the test 'is' and the activity type as its value");
                    return null;
                }
                return "Activity( type == " + quote(org.leadscoring.scoring.Activity.normaliseType(value)) + (days == null ? "" : ", daysAgo <= " + days) + " )";
            }
            if (days != null) {
                refuse("days", "applies to activity rows only");
                return null;
            }
            String property = camel(fieldName);
            Class<?> type = FactType.PROSPECT.properties().get(property);
            if (type == null || java.util.Map.class.isAssignableFrom(type)) {
                refuse("field", "'" + shorten(fieldName) + "' is not a prospect field; use one of "
                        + FactType.PROSPECT.properties().entrySet().stream().filter(e -> !java.util.Map.class.isAssignableFrom(e.getValue()))
                                .map(Map.Entry::getKey).sorted().toList() + " or activity");
                return null;
            }
            if (operator.equals("in")) {
                List<String> literals = new ArrayList<>();
                for (String one : value.split(value.contains("|") ? "\\|" : ",")) {
                    if (!one.isBlank()) {
                        literals.add(literal(type, one.trim()));
                    }
                }
                return literals.contains(null) ? null : "Prospect( " + property + " in (" + String.join(", ", literals) + ") )";
            }
            String literal = literal(type, value);
            return literal == null ? null : "Prospect( " + property + " " + operator + " " + literal + " )";
        }

        private String literal(Class<?> type, String v) {
            if (type == String.class) {
                return quote(v);
            }
            if (type == Seniority.class) {
                String name = v.replaceFirst("(?i)^seniority\\.", "").toUpperCase(Locale.ROOT);
                if (java.util.Arrays.stream(Seniority.values()).noneMatch(s -> s.name().equals(name))) {
                    refuse("value", "'" + shorten(v) + "' is not a seniority; use one of " + java.util.Arrays.toString(Seniority.values()));
                    return null;
                }
                return "Seniority." + name;
            }
            if (type == boolean.class || type == Boolean.class) {
                if (!v.matches("(?i)true|false|yes|no")) {
                    refuse("value", "is '" + shorten(v) + "'; write yes or no");
                    return null;
                }
                return String.valueOf(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
            }
            String number = v.replace(",", "").replace("_", "");
            if (!number.matches("-?\\d{1,15}(\\.\\d{1,6})?")) {
                refuse("value", "is '" + shorten(v) + "'; give a number");
                return null;
            }
            return number;
        }
    }

    /** A problem of the written DRL, at the row (and value column) of the table it came from. */
    private static BuildProblem at(BuildProblem p, List<Position> from, List<List<String>> rows, Map<String, Integer> columns) {
        if (p.line() == null || p.line() < 1 || p.line() > from.size()) {
            return p;
        }
        Position origin = from.get(p.line() - 1);
        String column = origin.column() == columns.get("value") + 1 ? "value" : "row";
        String prefix = "row " + origin.line() + (column.equals("value") ? ", column value" : "") + ": ";
        return new BuildProblem(p.severity(), p.file(), origin.line(), origin.column(), prefix + p.message());
    }

    private static String camel(String field) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : field.trim().toCharArray()) {
            if (c == '_' || c == ' ' || c == '-') {
                up = sb.length() > 0;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static String packageOf(String file) {
        int slash = file.lastIndexOf('/');
        String folder = slash < 0 ? "tables" : file.substring(0, slash).replace('/', '.').replace('-', '_').toLowerCase(Locale.ROOT);
        return folder.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*") ? folder : "tables";
    }

    /**
     * Whether a spreadsheet would run a cell as a formula: it starts with {@code =}, {@code +}, {@code -}, {@code @}, a
     * tab or a carriage return (OWASP's CSV injection list) and is not a plain number such as {@code -5} or {@code 1,000}.
     * A table refuses such cells; a table downloaded as CSV writes them inert.
     */
    public static boolean isFormula(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 && !cell.matches("[-+]?\\d+([.,]\\d+)*");
    }

    /** A cell as a DRL string literal, as the rule language prints its own ({@link Conditions#quoted}). */
    static String quote(String s) {
        return Conditions.quoted(s);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }
}
