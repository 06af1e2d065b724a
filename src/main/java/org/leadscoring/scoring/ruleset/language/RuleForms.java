package org.leadscoring.scoring.ruleset.language;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.leadscoring.scoring.Seniority;
import org.leadscoring.scoring.ruleset.Routing;
import org.leadscoring.scoring.ruleset.RuleInfo;
import org.leadscoring.scoring.ruleset.language.RuleForm.ActivityCondition;
import org.leadscoring.scoring.ruleset.language.RuleForm.Condition;
import org.leadscoring.scoring.ruleset.language.RuleForm.Operator;

/**
 * The rule builder's two directions, on the server so that the page parses nothing: {@link #read} finds the rules of a
 * file on the syntax tree Drools' parser builds and gives each its {@link RuleForm}, or says why it has another shape;
 * {@link #write} prints a form as rule-language text — every value a checked literal, field by field against the
 * vocabulary — checks the printed rule with {@link RuleLanguage} as any rule is checked, and puts it into the file in
 * place of the rule it edits, or at the end.
 *
 * <p>Longer than ~300 lines on purpose: reading and printing are one mapping between the form and the rule language, and
 * kept side by side they are checked against each other (what is read is what would be printed, field by field).
 */
public final class RuleForms {

    /** The package a rule is checked under on its own. */
    private static final String ALONE = "package builder;\n\n";
    private static final String FIELD_TYPES = "text, numbers, yes/no and Seniority";

    private RuleForms() {
    }

    /** A rule of a file: its name, its line, and its form — or null, with why, when it has another shape. */
    public record FormRule(String name, int line, RuleForm form, String why) {
    }

    /** What {@link #read} found: the file's rules in order, or why it could not read them (null when it could). */
    public record Reading(List<FormRule> rules, String problem) {
    }

    /** The file with the rule written in, and the rule's text as it was written. */
    public record Written(String text, String rule) {
    }

    /** A value of a form the builder cannot write, at its JSON path ({@code rule.conditions[1].value}). */
    public record Problem(String field, String message) {
    }

    /** The form cannot be written; each problem names its field. */
    public static final class Invalid extends Exception {
        private final transient List<Problem> problems;

        Invalid(List<Problem> problems) {
            super(problems.get(0).field() + " " + problems.get(0).message(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    // ---- reading ------------------------------------------------------------------------------------------------------

    /** The rules of a rule file, each with its form when it has the builder's shape. */
    public static Reading read(String text) {
        Optional<List<RuleDescr>> parsed = parse(text);
        if (parsed.isEmpty()) {
            return new Reading(List.of(), "the file cannot be read as rules: fix it in the Rules view, then the builder lists its rules");
        }
        List<FormRule> rules = new ArrayList<>();
        for (RuleDescr rule : parsed.get()) {
            String name = rule.getName() == null ? "" : rule.getName();
            int line = Math.max(rule.getLine(), 1);
            try {
                rules.add(new FormRule(name, line, form(text.substring(rule.getStartCharacter(), end(text, rule)), rule), null));
            } catch (OtherShape other) {
                rules.add(new FormRule(name, line, null, other.getMessage()));
            }
        }
        return new Reading(List.copyOf(rules), null);
    }

    /** The rule does not have the builder's shape; the message says how it differs, for the page to show. */
    private static final class OtherShape extends Exception {
        OtherShape(String message) {
            super(message, null, false, false);
        }
    }

    private static RuleForm form(String ruleText, RuleDescr rule) throws OtherShape {
        CheckedFile alone = RuleLanguage.check("builder.drl", ALONE + ruleText + "\n");
        if (!alone.accepted()) {
            throw new OtherShape("it does not follow the rule language yet (" + alone.problems().get(0).message() + ")");
        }
        RuleInfo info = alone.rules().get(0).info();
        if (info.routing() != null && info.axis() != null) {
            throw new OtherShape("it both gives points and routes");
        }
        String effect = info.routing() == Routing.CONTACT ? "contact" : info.routing() == Routing.REJECT ? "reject"
                : info.axis().name().toLowerCase(Locale.ROOT);
        List<Condition> conditions = new ArrayList<>();
        ActivityCondition activity = null;
        for (BaseDescr item : rule.getLhs().getDescrs()) {
            if (!(item instanceof PatternDescr pattern)) {
                throw new OtherShape("it uses not or exists");
            }
            boolean prospect = FactType.named(pattern.getObjectType()).orElseThrow() == FactType.PROSPECT;
            List<Condition> read = new ArrayList<>();
            for (BaseDescr constraint : pattern.getDescrs()) {
                String expression = ((ExprConstraintDescr) constraint).getExpression();
                read.add(Conditions.formCondition(expression)
                        .orElseThrow(() -> new OtherShape("its condition " + Conditions.shorten(expression.strip(), 60) + " is not a field, a test and a value")));
            }
            if (prospect) {
                conditions.addAll(read);
            } else {
                activity = activity(read);
            }
        }
        return new RuleForm(info.name(), effect, info.axis() == null ? null : info.points(), info.max(), info.reason(), List.copyOf(conditions),
                activity);
    }

    /** An activity pattern in the builder's shape: {@code type == "…"}, then possibly {@code daysAgo <= n}. */
    private static ActivityCondition activity(List<Condition> read) throws OtherShape {
        OtherShape other = new OtherShape("its activity is not \"a type in the last n days\"");
        if (read.isEmpty() || read.size() > 2 || !read.get(0).property().equals("type") || !read.get(0).operator().equals(Operator.IS.key())) {
            throw other;
        }
        Integer days = null;
        if (read.size() == 2) {
            Condition within = read.get(1);
            if (!within.property().equals("daysAgo") || !within.operator().equals(Operator.AT_MOST.key()) || !within.value().matches("\\d{1,6}")) {
                throw other;
            }
            days = Integer.parseInt(within.value());
        }
        return new ActivityCondition(read.get(0).value(), days);
    }

    // ---- writing ------------------------------------------------------------------------------------------------------

    /**
     * Prints {@code form} and puts it into {@code text}: in place of the rule called {@code replacing}, or at the end
     * when that is null. With {@code text} null, only prints it (the builder's preview).
     *
     * @throws Invalid naming each field the builder cannot write, or a rule of the file the form would clash with
     */
    public static Written write(String text, String replacing, RuleForm form) throws Invalid {
        String rule = print(form);
        if (text == null) {
            return new Written(null, rule);
        }
        Optional<List<RuleDescr>> parsed = parse(text);
        if (parsed.isEmpty()) {
            throw invalid("text", "cannot be read as rules: fix the file in the Rules view first");
        }
        RuleDescr target = null;
        for (RuleDescr existing : parsed.get()) {
            if (replacing != null && replacing.equals(existing.getName())) {
                target = existing;
            } else if (form.name().strip().equals(existing.getName())) {
                throw invalid("rule.name", "is the name of another rule of this file: give this one a name of its own");
            }
        }
        if (replacing != null && target == null) {
            throw invalid("replacing", "names no rule of this file");
        }
        if (target != null) {
            return new Written(text.substring(0, target.getStartCharacter()) + rule + text.substring(end(text, target)), rule);
        }
        return new Written(text.stripTrailing() + (text.isBlank() ? "" : "\n\n") + rule + "\n", rule);
    }

    /** The form as rule-language text, every value a checked literal; the printed rule is checked as any rule is. */
    static String print(RuleForm form) throws Invalid {
        List<Problem> problems = new ArrayList<>();
        String name = form.name() == null ? "" : form.name().strip();
        RuleNames.problem(name).ifPresent(p -> problems.add(new Problem("rule.name", p)));
        String reason = form.reason() == null ? "" : form.reason().strip();
        if (reason.isEmpty() || reason.length() > RuleLanguage.MAX_REASON_LENGTH) {
            problems.add(new Problem("rule.reason", "is a sentence of 1 to " + RuleLanguage.MAX_REASON_LENGTH + " characters"));
        } else {
            textProblem(reason).ifPresent(p -> problems.add(new Problem("rule.reason", p)));
        }
        List<String> annotations = new ArrayList<>();
        String effect = form.effect() == null ? "" : form.effect();
        switch (effect) {
            case "fit", "engagement" -> {
                if (form.points() == null || Math.abs(form.points()) > 999_999) {
                    problems.add(new Problem("rule.points", "is a whole number (negative to take points away)"));
                } else {
                    annotations.add("@" + effect + "(" + form.points() + ")");
                }
            }
            case "contact", "reject" -> annotations.add("@routing(" + effect + ")");
            default -> problems.add(new Problem("rule.effect", "is one of " + String.join(", ", RuleForm.EFFECTS)));
        }
        if (form.max() != null) {
            if (form.max() < 1 || form.max() > 999_999) {
                problems.add(new Problem("rule.max", "is a whole number of at least 1, or empty for every match"));
            } else {
                annotations.add("@max(" + form.max() + ")");
            }
        }
        annotations.add("@reason(" + Conditions.quoted(reason) + ")");
        List<Condition> conditions = form.conditions() == null ? List.of() : form.conditions();
        if (conditions.size() > RuleLanguage.MAX_CONDITIONS) {
            problems.add(new Problem("rule.conditions", "holds at most " + RuleLanguage.MAX_CONDITIONS + " conditions"));
            conditions = List.of();
        }
        List<String> constraints = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            condition(conditions.get(i), "rule.conditions[" + i + "]", problems).ifPresent(constraints::add);
        }
        String activity = form.activity() == null ? null : activity(form.activity(), problems);
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        StringBuilder text = new StringBuilder("rule ").append(Conditions.quoted(name)).append("\n    ").append(String.join(" ", annotations))
                .append("\nwhen\n");
        if (!constraints.isEmpty() || activity == null) {
            text.append("    Prospect( ").append(String.join(", ", constraints)).append(constraints.isEmpty() ? "" : " ").append(")\n");
        }
        if (activity != null) {
            text.append("    Activity( ").append(activity).append(" )\n");
        }
        String rule = text.append("then end").toString();
        CheckedFile checked = RuleLanguage.check("builder.drl", ALONE + rule + "\n");
        if (!checked.accepted()) {
            throw invalid("rule", checked.problems().get(0).message());
        }
        return rule;
    }

    private static Optional<String> condition(Condition c, String path, List<Problem> problems) {
        Class<?> type = c.property() == null ? null : FactType.PROSPECT.properties().get(c.property());
        if (type == null) {
            problems.add(new Problem(path + ".property", "is not a field of the prospect; the vocabulary lists them"));
            return Optional.empty();
        }
        Conditions.Kind kind = Conditions.Kind.of(type);
        boolean number = kind == Conditions.Kind.NUMBER || kind == Conditions.Kind.PRIMITIVE_NUMBER;
        boolean text = kind == Conditions.Kind.TEXT;
        if (!(number || text || kind == Conditions.Kind.FLAG || kind == Conditions.Kind.PRIMITIVE_FLAG || kind == Conditions.Kind.SENIORITY)) {
            problems.add(new Problem(path + ".property", "the builder compares " + FIELD_TYPES + "; write a condition on " + c.property()
                    + " in the Rules view"));
            return Optional.empty();
        }
        Operator op = c.operator() == null ? null : Operator.ofKey(c.operator()).orElse(null);
        if (op == null) {
            problems.add(new Problem(path + ".operator", "is one of " + String.join(", ", Arrays.stream(Operator.values()).map(Operator::key).toList())));
            return Optional.empty();
        }
        if ((op == Operator.AT_LEAST || op == Operator.AT_MOST) && !number || (op == Operator.CONTAINS || op == Operator.MATCHES) && !text) {
            problems.add(new Problem(path + ".operator", op.key() + " does not apply to " + c.property() + ", which is " + kind.described));
            return Optional.empty();
        }
        String value = c.value() == null ? "" : c.value();
        List<String> values = op == Operator.ONE_OF ? Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList()
                : List.of(text ? value : value.strip());
        if (values.isEmpty() || values.size() > 100) {
            problems.add(new Problem(path + ".value", op == Operator.ONE_OF ? "lists 1 to 100 values separated by commas" : "is required"));
            return Optional.empty();
        }
        List<String> literals = new ArrayList<>();
        for (String v : values) {
            Optional<String> unquotable = text ? textProblem(v) : Optional.empty();
            if (unquotable.isPresent()) {
                problems.add(new Problem(path + ".value", unquotable.get()));
                return Optional.empty();
            }
            String literal = literal(kind, v);
            if (literal == null) {
                problems.add(new Problem(path + ".value", c.property() + " is " + kind.described + (kind == Conditions.Kind.SENIORITY
                        ? ": one of " + String.join(", ", Arrays.stream(Seniority.values()).map(Enum::name).toList()) : "")));
                return Optional.empty();
            }
            literals.add(literal);
        }
        return Optional.of(c.property() + " " + op.drl() + " " + (op == Operator.ONE_OF ? "(" + String.join(", ", literals) + ")" : literals.get(0)));
    }

    /** A value as the rule language writes it for a field of {@code kind}, or null when it is not one. */
    private static String literal(Conditions.Kind kind, String value) {
        switch (kind) {
            case TEXT -> {
                return value.length() > Conditions.MAX_LENGTH / 2 || textProblem(value).isPresent() ? null : Conditions.quoted(value);
            }
            case NUMBER, PRIMITIVE_NUMBER -> {
                return value.matches("-?\\d{1,9}(\\.\\d{1,6})?") ? value : null;
            }
            case FLAG, PRIMITIVE_FLAG -> {
                String v = value.toLowerCase(Locale.ROOT);
                return v.equals("yes") || v.equals("true") ? "true" : v.equals("no") || v.equals("false") ? "false" : null;
            }
            case SENIORITY -> {
                String v = value.toUpperCase(Locale.ROOT).replaceFirst("^SENIORITY\\.", "");
                return Arrays.stream(Seniority.values()).anyMatch(s -> s.name().equals(v)) ? "Seniority." + v : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static String activity(ActivityCondition a, List<Problem> problems) {
        String type = a.type() == null ? "" : a.type().strip();
        if (type.isEmpty() || type.length() > org.leadscoring.scoring.Activity.MAX_TYPE_LENGTH || textProblem(type).isPresent()) {
            problems.add(new Problem("rule.activity.type", "is an activity type such as webinar_attended"));
            return null;
        }
        if (a.days() != null && (a.days() < 1 || a.days() > 36_500)) {
            problems.add(new Problem("rule.activity.days", "is a number of days from 1 to 36500, or empty for ever"));
            return null;
        }
        return "type == " + Conditions.quoted(type) + (a.days() == null ? "" : ", daysAgo <= " + a.days());
    }

    /** Why a text cannot stand in quotes in a rule file: a control character, or a unicode escape the file may not hold. */
    private static Optional<String> textProblem(String text) {
        if (text.contains("\\u")) {
            return Optional.of("may not hold \\u (a unicode escape): type the character itself");
        }
        return RuleNames.textProblem(text);
    }

    // ---- the file -----------------------------------------------------------------------------------------------------

    /** The file's rules as Drools' parser reads them, or empty when it cannot read the file. */
    private static Optional<List<RuleDescr>> parse(String text) {
        if (text.length() > RuleLanguage.MAX_FILE_CHARS) {
            return Optional.empty();
        }
        DrlParser parser = new DrlParser();
        try {
            PackageDescr pkg = parser.parse(null, text);
            return parser.hasErrors() || pkg == null ? Optional.empty() : Optional.of(pkg.getRules());
        } catch (Exception | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Where a rule's text ends: just after its {@code end}. */
    private static int end(String text, RuleDescr rule) {
        return Math.min(text.length(), rule.getEndCharacter() + 1);
    }

    private static Invalid invalid(String field, String message) {
        return new Invalid(List.of(new Problem(field, message)));
    }
}
