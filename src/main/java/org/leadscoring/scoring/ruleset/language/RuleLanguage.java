package org.leadscoring.scoring.ruleset.language;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.WindowReferenceDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Seniority;
import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.Routing;
import org.leadscoring.scoring.ruleset.RuleInfo;
import org.leadscoring.scoring.ruleset.language.CheckedFile.PatternUse;
import org.leadscoring.scoring.ruleset.language.CheckedFile.Position;
import org.leadscoring.scoring.ruleset.language.CheckedFile.RuleDeclaration;

import com.github.javaparser.StaticJavaParser;

/**
 * The rule language: the small part of DRL a rule file may use, checked on the syntax tree Drools' own parser
 * builds, and printed back as canonical DRL so that what is compiled is exactly what was checked.
 *
 * <p>A file is a {@code package}, imports of {@code Prospect}, {@code Activity} and {@code Seniority}, and rules.
 * A rule has a quoted name, the scoring annotations ({@code @fit}, {@code @engagement}, {@code @max},
 * {@code @routing}, {@code @reason}), conditions — at most one {@code Prospect(…)} and one {@code Activity(…)}
 * pattern, and patterns under {@code not} or {@code exists} — and an empty {@code then … end}. Conditions are
 * checked by {@link Conditions}. Nothing else is accepted: no functions, queries, globals, declarations,
 * {@code eval}, {@code from}, {@code accumulate}, attributes, bindings or code in the consequence. README,
 * "Writing rules", says the same for people.
 *
 * <p>Longer than the service's other classes on purpose: it is the allowlist for rule files at the level of a file
 * and a rule, a security boundary that is reviewed as a whole, so every construct it accepts or refuses is in this
 * one place (conditions, the other half, are in {@link Conditions}).
 */
public final class RuleLanguage {

    /** The annotations of the scoring vocabulary. */
    static final Set<String> ANNOTATIONS = Set.of("fit", "engagement", "max", "routing", "reason");
    static final int MAX_CONDITIONS = 8;
    static final int MAX_REASON_LENGTH = 500;
    static final int MAX_FILE_CHARS = 1_000_000;
    private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]{0,63}(\\.[a-z][a-z0-9_]{0,63}){0,4}");
    private static final Set<String> RESERVED_PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "io", "net");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,6}");
    private static final Set<String> IMPORTS = Set.of(FactType.PROSPECT.className(), FactType.ACTIVITY.className(),
            Seniority.class.getName());

    static {
        LinearMatches.register();
    }

    private RuleLanguage() {
    }

    /** Checks one rule file and, when nothing is refused, prints its canonical DRL. */
    public static CheckedFile check(String file, String drl) {
        return new Check(file, drl).run();
    }

    private static final class Check {
        private final String file;
        private final String drl;
        private final List<BuildProblem> problems = new ArrayList<>();
        private final List<RuleDeclaration> rules = new ArrayList<>();
        private final StringBuilder out = new StringBuilder();
        private final List<Position> origins = new ArrayList<>();
        private int ordinal;
        private final List<PatternUse> patterns = new ArrayList<>();

        Check(String file, String drl) {
            this.file = file;
            this.drl = drl;
        }

        CheckedFile run() {
            if (drl.length() > MAX_FILE_CHARS) {
                refuse(1, 1, "the file is " + drl.length() + " characters long; at most " + MAX_FILE_CHARS + " are allowed");
                return result(null);
            }
            checkCharacters();
            if (!problems.isEmpty()) {
                return result(null);
            }
            DrlParser parser = new DrlParser();
            PackageDescr pkg;
            try {
                pkg = parser.parse(null, drl);
            } catch (Exception | StackOverflowError e) {
                refuse(1, 1, "the file cannot be read as rules");
                return result(null);
            }
            if (parser.hasErrors() || pkg == null) {
                for (DroolsError error : parser.getErrors()) {
                    int line = error instanceof ParserError pe ? pe.getRow() : 0;
                    int column = error instanceof ParserError pe ? pe.getCol() + 1 : 0;
                    refuse(Math.max(line, 1), Math.max(column, 1), Conditions.shorten(firstLine(error.getMessage()), 200));
                }
                if (problems.isEmpty()) {
                    refuse(1, 1, "the file cannot be read as rules");
                }
                return result(null);
            }
            String packageName = checkPackage(pkg);
            for (RuleDescr rule : pkg.getRules()) {
                checkRule(rule);
            }
            return result(problems.isEmpty() ? packageName : null);
        }

        private CheckedFile result(String packageName) {
            boolean accepted = problems.isEmpty() && packageName != null;
            return new CheckedFile(file, accepted ? out.toString() : null, accepted ? List.copyOf(rules) : List.of(), List.copyOf(problems),
                    accepted ? List.copyOf(origins) : List.of(), accepted ? List.copyOf(patterns) : List.of());
        }

        /** Unicode escapes are decoded by javac before it reads the Java that Drools generates: none anywhere. */
        private void checkCharacters() {
            for (int i = 0; i < drl.length() && problems.size() < 20; i++) {
                char c = drl.charAt(i);
                if (c == '\\' && i + 1 < drl.length() && drl.charAt(i + 1) == 'u') {
                    refuseAt(i, "unicode escapes (\\u…) are not allowed anywhere in a rule file: type the character itself");
                } else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                    refuseAt(i, "the file contains a control character (code " + (int) c + ")");
                }
            }
        }

        private String checkPackage(PackageDescr pkg) {
            String name = pkg.getName();
            if (name == null || name.isEmpty()) {
                refuse(1, 1, "start the file with a package line, e.g. package b2b;");
            } else if (!PACKAGE.matcher(name).matches() || RESERVED_PACKAGE_ROOTS.contains(name.split("\\.")[0])) {
                refuse(pkg, "the package must be a short lower-case name such as the folder's (package b2b;), not '"
                        + Conditions.shorten(name, 60) + "'");
            }
            for (ImportDescr imp : pkg.getImports()) {
                if (!IMPORTS.contains(imp.getTarget())) {
                    refuse(imp, "importing " + Conditions.shorten(imp.getTarget(), 80) + " is not allowed: rules import only "
                            + String.join(", ", IMPORTS.stream().sorted().toList()));
                }
            }
            pkg.getFunctionImports().forEach(d -> refuse(d, "import function and import static are not part of the rule language"));
            pkg.getAccumulateImports().forEach(d -> refuse(d, "import accumulate is not part of the rule language"));
            pkg.getGlobals().forEach(d -> refuse(d, "globals are not part of the rule language"));
            pkg.getFunctions().forEach(d -> refuse(d, "functions are not part of the rule language: a rule gives points, it runs no code"));
            pkg.getTypeDeclarations().forEach(d -> refuse(d, "declare is not part of the rule language: rules use Prospect and Activity"));
            pkg.getEnumDeclarations().forEach(d -> refuse(d, "declare enum is not part of the rule language"));
            pkg.getEntryPointDeclarations().forEach(d -> refuse(d, "entry points are not part of the rule language"));
            pkg.getWindowDeclarations().forEach(d -> refuse(d, "windows are not part of the rule language"));
            pkg.getAttributes().forEach(d -> refuse(d, "the attribute " + d.getName() + " is not part of the rule language"));
            if (pkg.getUnit() != null) {
                refuse(pkg.getUnit(), "rule units are not part of the rule language");
            }
            for (String imp : IMPORTS.stream().sorted().toList()) {
                line(1, 1, "import " + imp + ";");
            }
            return name;
        }

        private void checkRule(RuleDescr rule) {
            int before = problems.size();
            ordinal++;
            String name = rule.getName() == null ? "" : rule.getName();
            if (rule instanceof QueryDescr) {
                refuse(rule, "queries are not part of the rule language");
                return;
            }
            RuleNames.problem(name).ifPresent(problem -> refuse(rule, problem));
            rule.getAttributes().keySet().forEach(attribute -> refuse(rule.getAttributes().get(attribute),
                    "the attribute " + attribute + " is not part of the rule language: a rule says only @fit, @engagement, @max, @routing and @reason"));
            if (rule.hasParent()) {
                refuse(rule, "rule inheritance (extends) is not part of the rule language");
            }
            if (!rule.getNamedConsequences().isEmpty()) {
                refuse(rule, "named consequences are not part of the rule language");
            }
            checkConsequence(rule);
            RuleInfo info = scoring(rule, name);
            List<String> conditions = new ArrayList<>();
            List<Position> conditionOrigins = new ArrayList<>();
            conditions(rule, conditions, conditionOrigins);
            if (problems.size() > before || info == null) {
                return;
            }
            // The canonical DRL calls the rule by an id of ours: the name people wrote never reaches Drools, whose code
            // generator copies rule names into the Java it writes.
            String id = "r" + ordinal;
            int line = Math.max(rule.getLine(), 1);
            int column = rule.getColumn() + 1;
            rules.add(new RuleDeclaration(id, info, file, line));
            line(line, column, "rule \"" + id + "\"");
            line(line, column, "when");
            for (int i = 0; i < conditions.size(); i++) {
                String[] lines = conditions.get(i).split("\n", -1);
                for (String text : lines) {
                    line(conditionOrigins.get(i).line(), conditionOrigins.get(i).column(), text);
                }
            }
            line(line, column, "then");
            line(line, column, "end");
        }

        /** The then part holds no code: the annotations say everything a rule means. Comments are fine. */
        private void checkConsequence(RuleDescr rule) {
            Object consequence = rule.getConsequence();
            String text = consequence == null ? "" : consequence.toString();
            if (text.isBlank()) {
                return;
            }
            boolean empty;
            try {
                empty = StaticJavaParser.parseBlock("{" + text + "\n}").getStatements().isEmpty();
            } catch (RuntimeException | StackOverflowError notJava) {
                empty = false;
            }
            if (!empty) {
                String code = text.strip();
                int at = drl.indexOf(code.substring(0, Math.min(code.length(), 40)), Math.max(rule.getStartCharacter(), 0));
                String message = "the then part of a rule must be empty: a rule only gives points (@fit, @engagement) or routes (@routing)";
                if (at >= 0) {
                    refuseAt(at, message);
                } else {
                    refuse(Math.max(rule.getConsequenceLine(), rule.getLine()), 1, message);
                }
            }
        }

        /** What the rule's annotations say it gives, or null when they are refused (the problems noted). */
        private RuleInfo scoring(RuleDescr rule, String name) {
            int before = problems.size();
            Integer fit = null;
            Integer engagement = null;
            Integer max = null;
            Routing routing = null;
            String reason = null;
            for (AnnotationDescr annotation : rule.getAnnotations()) {
                String key = annotation.getName();
                BaseDescr where = annotationPosition(rule, key);
                if (!ANNOTATIONS.contains(key) || annotation.getFullyQualifiedName() != null) {
                    refuse(where, "@" + Conditions.shorten(key, 40) + " is not part of the rule language: use @fit, @engagement, @max, @routing and @reason");
                    continue;
                }
                Map<String, Object> values = annotation.getValueMap();
                if (values.size() != 1 || !values.containsKey(AnnotationDescr.VALUE)) {
                    refuse(where, "@" + key + " takes one value, as in @" + key + (key.equals("reason") ? "(\"…\")" : "(10)"));
                    continue;
                }
                String value = String.valueOf(values.get(AnnotationDescr.VALUE)).trim();
                switch (key) {
                    case "fit", "engagement", "max" -> {
                        if (!WHOLE_NUMBER.matcher(value).matches()) {
                            refuse(where, "@" + key + " takes a whole number, as in @" + key + "(10)");
                        } else if (key.equals("fit")) {
                            fit = Integer.parseInt(value);
                        } else if (key.equals("engagement")) {
                            engagement = Integer.parseInt(value);
                        } else if (Integer.parseInt(value) < 1) {
                            refuse(where, "@max must be at least 1");
                        } else {
                            max = Integer.parseInt(value);
                        }
                    }
                    case "routing" -> {
                        if (value.equals("contact") || value.equals("reject")) {
                            routing = value.equals("contact") ? Routing.CONTACT : Routing.REJECT;
                        } else {
                            refuse(where, "@routing takes contact or reject");
                        }
                    }
                    default -> {
                        reason = unquote(value);
                        String problem = reason == null || reason.length() > MAX_REASON_LENGTH ? "" : RuleNames.textProblem(reason).orElse(null);
                        if (problem != null) {
                            refuse(where, "@reason takes a sentence of up to " + MAX_REASON_LENGTH + " characters in double quotes, as in"
                                    + " @reason(\"Requested a demo\")" + (problem.isEmpty() ? "" : ": " + problem));
                        }
                    }
                }
            }
            if (fit != null && engagement != null) {
                refuse(rule, "a rule gives points on one axis: use either @fit or @engagement");
            } else if (fit == null && engagement == null && routing == null && problems.size() == before) {
                refuse(rule, "give the rule \"" + Conditions.shorten(name, 60) + "\" points with @fit(n) or @engagement(n), or a @routing(contact|reject);"
                        + " as it is it does nothing");
            }
            if (problems.size() > before) {
                return null;
            }
            Axis axis = fit != null ? Axis.FIT : engagement != null ? Axis.ENGAGEMENT : null;
            int points = fit != null ? fit : engagement != null ? engagement : 0;
            return new RuleInfo(name, axis, points, routing, max, reason == null ? name : reason);
        }

        /** Annotations carry no position of their own: find {@code @key} in the rule's head. */
        private BaseDescr annotationPosition(RuleDescr rule, String key) {
            BaseDescr where = new BaseDescr();
            int start = Math.max(rule.getStartCharacter(), 0);
            int when = drl.indexOf("when", start);
            int at = drl.indexOf("@" + key, start);
            if (at < 0 || (when >= 0 && at > when)) {
                where.setLocation(rule.getLine(), rule.getColumn());
            } else {
                Position p = positionOf(at);
                where.setLocation(p.line(), p.column() - 1);
            }
            return where;
        }

        private void conditions(RuleDescr rule, List<String> conditions, List<Position> conditionOrigins) {
            List<BaseDescr> items = rule.getLhs() == null ? List.of() : rule.getLhs().getDescrs();
            if (items.size() > MAX_CONDITIONS) {
                refuse(rule, "a rule has at most " + MAX_CONDITIONS + " conditions; this one has " + items.size());
                return;
            }
            Map<FactType, Integer> positive = new EnumMap<>(FactType.class);
            for (BaseDescr item : items) {
                String prefix;
                PatternDescr pattern;
                if (item instanceof PatternDescr p) {
                    prefix = "";
                    pattern = p;
                } else if ((item instanceof NotDescr || item instanceof ExistsDescr) && ((org.drools.drl.ast.descr.ConditionalElementDescr) item)
                        .getDescrs().size() == 1 && ((org.drools.drl.ast.descr.ConditionalElementDescr) item).getDescrs().get(0) instanceof PatternDescr p) {
                    prefix = item instanceof NotDescr ? "not " : "exists ";
                    pattern = p;
                } else {
                    refuse(item, construct(item) + " is not part of the rule language: a rule's conditions are Prospect( … ) and Activity( … ),"
                            + " each possibly under not or exists");
                    continue;
                }
                String printed = pattern(pattern);
                if (printed == null) {
                    continue;
                }
                FactType fact = FactType.named(pattern.getObjectType()).orElseThrow();
                if (prefix.isEmpty() && positive.merge(fact, 1, Integer::sum) > 1) {
                    refuse(pattern, "a rule matches one " + fact.simpleName() + " at most: two " + fact.simpleName()
                            + " patterns would count every pair; put both conditions in one pattern, or use exists");
                    continue;
                }
                conditions.add(prefix + printed);
                conditionOrigins.add(position(pattern));
            }
        }

        /** One pattern in canonical DRL, each condition on a line of its own; null when refused. */
        private String pattern(PatternDescr pattern) {
            PatternSourceDescr source = pattern.getSource();
            if (source != null) {
                refuse(pattern, construct(source) + " is not part of the rule language: patterns match the prospect and their activities");
                return null;
            }
            FactType fact = FactType.named(pattern.getObjectType()).orElse(null);
            if (fact == null) {
                refuse(pattern, "a pattern matches Prospect or Activity, not '" + Conditions.shorten(String.valueOf(pattern.getObjectType()), 60) + "'");
                return null;
            }
            if (pattern.getIdentifier() != null) {
                refuse(pattern, "bindings ($name : " + fact.simpleName() + "( … )) are not part of the rule language: a rule's then part is empty");
                return null;
            }
            if (pattern.isQuery() || !pattern.getAnnotations().isEmpty() || !pattern.getBehaviors().isEmpty() || pattern.isUnification()) {
                refuse(pattern, "only conditions go between the brackets of " + fact.simpleName() + "( … )");
                return null;
            }
            List<String> printed = new ArrayList<>();
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (!(constraint instanceof ExprConstraintDescr expr) || expr.getType() != ExprConstraintDescr.Type.NAMED) {
                    refuse(constraint, "only conditions such as employeeCount >= 50 go between the brackets");
                    continue;
                }
                try {
                    List<Conditions.Matched> matched = new ArrayList<>();
                    printed.add(Conditions.canonical(expr.getExpression(), fact, matched));
                    for (Conditions.Matched m : matched) {
                        patterns.add(new PatternUse(m.regex(), m.textBound(), fact == FactType.ACTIVITY, position(expr)));
                    }
                } catch (Conditions.Refused refused) {
                    refuseIn(expr, refused);
                }
            }
            if (printed.size() != pattern.getDescrs().size()) {
                return null;
            }
            return fact.simpleName() + "(" + (printed.isEmpty() ? "" : "\n" + String.join(",\n", printed)) + " )";
        }

        // ---- where ------------------------------------------------------------------------------------------------

        private void line(int line, int column, String text) {
            out.append(text).append('\n');
            origins.add(new Position(line, column));
        }

        private Position position(BaseDescr d) {
            return new Position(Math.max(d.getLine(), 1), Math.max(d.getColumn() + 1, 1));
        }

        private void refuse(BaseDescr d, String message) {
            Position p = position(d);
            refuse(p.line(), p.column(), message);
        }

        private void refuse(int line, int column, String message) {
            problems.add(BuildProblem.error(file, line, column, message));
        }

        private void refuseAt(int offset, String message) {
            Position p = positionOf(offset);
            refuse(p.line(), p.column(), message);
        }

        /** A refused condition, at the word of it that shows what is wrong when it can be found in the text. */
        private void refuseIn(ExprConstraintDescr expr, Conditions.Refused refused) {
            String text = expr.getExpression();
            int start = expr.getStartCharacter();
            boolean textAtStart = start >= 0 && drl.startsWith(text, start);
            if (!textAtStart) {
                refuse(expr, refused.getMessage());
                return;
            }
            int within = refused.line > 0 ? offsetOf(text, refused.line, refused.column) : find(text, refused.near);
            refuseAt(start + Math.max(within, 0), refused.getMessage());
        }

        private Position positionOf(int offset) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset && i < drl.length(); i++) {
                if (drl.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Position(line, offset - lineStart + 1);
        }
    }

    /** Where a word stands in a condition's text, outside quoted text; 0 when it does not. */
    static int find(String text, String word) {
        if (word == null || word.isEmpty()) {
            return 0;
        }
        boolean[] quoted = Conditions.insideQuotes(text);
        boolean wordEndsInName = Character.isJavaIdentifierPart(word.charAt(word.length() - 1));
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            int end = i + word.length();
            boolean startsAWord = i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1));
            boolean endsAWord = !wordEndsInName || end >= text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
            if (!quoted[i] && startsAWord && endsAWord) {
                return i;
            }
        }
        return 0;
    }

    private static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); offset++) {
            if (text.charAt(offset) == '\n') {
                l++;
            }
        }
        return Math.min(offset + Math.max(column - 1, 0), text.length());
    }

    /** The text of a {@code @reason("…")} value, or null when it is not one double-quoted string. */
    public static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                char next = i + 2 < value.length() ? value.charAt(i + 1) : 0;
                if (next != '"' && next != '\\') {
                    return null;
                }
                sb.append(next);
                i++;
            } else if (c == '"') {
                return null;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Names people know the refused constructs by, most specific first. */
    private static final Map<Class<?>, String> CONSTRUCTS = constructNames();

    private static Map<Class<?>, String> constructNames() {
        Map<Class<?>, String> names = new LinkedHashMap<>();
        names.put(OrDescr.class, "or");
        names.put(EvalDescr.class, "eval");
        names.put(ForallDescr.class, "forall");
        names.put(AccumulateDescr.class, "accumulate");
        names.put(CollectDescr.class, "collect");
        names.put(FromDescr.class, "from");
        names.put(EntryPointDescr.class, "from entry-point");
        names.put(WindowReferenceDescr.class, "window");
        names.put(ConditionalBranchDescr.class, "if … do");
        names.put(NamedConsequenceDescr.class, "do[…]");
        names.put(NotDescr.class, "not with more than one pattern");
        names.put(ExistsDescr.class, "exists with more than one pattern");
        return java.util.Collections.unmodifiableMap(names);
    }

    private static String construct(BaseDescr d) {
        for (Map.Entry<Class<?>, String> e : CONSTRUCTS.entrySet()) {
            if (e.getKey().isInstance(d)) {
                return e.getValue();
            }
        }
        return d.getClass().getSimpleName().replace("Descr", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "the file cannot be read as rules";
        }
        int cut = s.indexOf('\n');
        return cut < 0 ? s : s.substring(0, cut);
    }
}
