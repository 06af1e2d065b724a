package org.leadscoring.scoring.ruleset.language;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.ast.expr.DrlNameExpr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.leadscoring.scoring.Seniority;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

/**
 * One condition of a pattern ({@code employeeCount >= 50}, {@code type == "webinar_attended"}), checked on
 * its syntax tree and printed back as canonical DRL. The printer knows only what the rule language allows, so
 * whatever it prints has been checked: properties of the fact by name, literals, {@code Seniority} values,
 * comparisons, {@code &&} {@code ||} {@code !}, arithmetic, {@code in}, {@code contains} and {@code matches}. Anything else (a method call, {@code new}, a class name, a cast…) is refused.
 *
 * <p>Longer than the service's other classes on purpose: it is the allowlist for conditions, a security boundary
 * reviewed as a whole, so the printer, the type checks and the literal rules stay in one file where no accepted
 * construct can be missed.
 */
final class Conditions {

    /** The DRL operators written as words that the rule language allows. */
    private static final List<String> WORD_OPERATORS = List.of("in", "matches", "contains");
    private static final Set<BinaryExpr.Operator> BINARY = Set.of(BinaryExpr.Operator.OR, BinaryExpr.Operator.AND,
            BinaryExpr.Operator.EQUALS, BinaryExpr.Operator.NOT_EQUALS, BinaryExpr.Operator.LESS, BinaryExpr.Operator.GREATER,
            BinaryExpr.Operator.LESS_EQUALS, BinaryExpr.Operator.GREATER_EQUALS, BinaryExpr.Operator.PLUS, BinaryExpr.Operator.MINUS,
            BinaryExpr.Operator.MULTIPLY, BinaryExpr.Operator.DIVIDE, BinaryExpr.Operator.REMAINDER);
    private static final Set<String> SENIORITIES = Set.of(Arrays.stream(Seniority.values()).map(Enum::name).toArray(String[]::new));
    static final int MAX_LENGTH = 5_000;
    static final int MAX_DEPTH = 32;
    private static final Pattern PARSER_POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private Conditions() {
    }

    /** A condition the rule language does not accept, and the word in its text that shows where. */
    static final class Refused extends Exception {
        final String near;
        final int line;
        final int column;

        Refused(String message, String near) {
            this(message, near, 0, 0);
        }

        Refused(String message, String near, int line, int column) {
            super(message, null, false, false);
            this.near = near;
            this.line = line;
            this.column = column;
        }
    }

    /** The condition in canonical DRL, or why it is refused; the patterns it matches are added to {@code patterns}. */
    static String canonical(String text, FactType fact, List<Matched> patterns) throws Refused {
        if (text.length() > MAX_LENGTH) {
            throw new Refused("the condition is " + text.length() + " characters long; at most " + MAX_LENGTH + " are allowed", null);
        }
        if (nesting(text) > MAX_DEPTH) {
            throw new Refused("the condition nests brackets more than " + MAX_DEPTH + " deep", null);
        }
        DrlxExpression parsed;
        try {
            parsed = DrlxParser.parseExpression(DrlxParser.buildDrlxParserWithArguments(WORD_OPERATORS), text);
        } catch (ParseProblemException e) {
            String detail = e.getProblems().isEmpty() ? "" : e.getProblems().get(0).getMessage();
            Matcher at = PARSER_POSITION.matcher(detail);
            int cut = detail.indexOf('\n');
            String first = cut < 0 ? detail : detail.substring(0, cut);
            throw new Refused("this condition cannot be read: " + shorten(first, 160), null,
                    at.find() ? Integer.parseInt(at.group(1)) : 0, at.find(0) ? Integer.parseInt(at.group(2)) : 0);
        } catch (RuntimeException | StackOverflowError e) {
            throw new Refused("this condition cannot be read", null);
        }
        if (parsed.getBind() != null) {
            throw new Refused("bindings ($name : …) are not part of the rule language: a rule gives points, its then part is empty",
                    parsed.getBind().asString());
        }
        return new Printer(fact, patterns).print(parsed.getExpr(), 0);
    }

    /**
     * A condition in the rule builder's shape — a property, a test ({@code ==}, {@code !=}, {@code >=}, {@code <=},
     * {@code in}, {@code contains}, {@code matches}) and written-out values — as the builder's form holds it; empty when
     * it has another shape. Reads a condition the rule language has accepted.
     */
    static Optional<RuleForm.Condition> formCondition(String text) {
        Expression e;
        try {
            e = unwrap(DrlxParser.parseExpression(DrlxParser.buildDrlxParserWithArguments(WORD_OPERATORS), text).getExpr());
        } catch (RuntimeException | StackOverflowError unreadable) {
            return Optional.empty();
        }
        String operator;
        Expression left;
        List<Expression> right;
        if (e instanceof BinaryExpr b) {
            operator = b.getOperator().asString();
            left = b.getLeft();
            right = List.of(b.getRight());
        } else if (e instanceof PointFreeExpr p && !p.isNegated() && p.getArg1() == null) {
            operator = p.getOperator().asString();
            left = p.getLeft();
            right = p.getRight();
        } else {
            return Optional.empty();
        }
        RuleForm.Operator op = RuleForm.Operator.ofDrl(operator).orElse(null);
        String property = left instanceof DrlNameExpr d ? d.getNameAsString() : left instanceof NameExpr n ? n.getNameAsString() : null;
        if (op == null || property == null || right.isEmpty() || right.size() > 1 && op != RuleForm.Operator.ONE_OF) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (Expression value : right) {
            String v = formValue(unwrap(value));
            if (v == null || op == RuleForm.Operator.ONE_OF && v.contains(",")) {
                return Optional.empty();
            }
            values.add(v);
        }
        return Optional.of(new RuleForm.Condition(property, op.key(), String.join(", ", values)));
    }

    /** A written-out value as the builder's form holds it: text unquoted, a number, true or false, a Seniority's name. */
    private static String formValue(Expression e) {
        if (e instanceof StringLiteralExpr s) {
            return s.asString();
        }
        if (e instanceof IntegerLiteralExpr || e instanceof DoubleLiteralExpr) {
            return ((LiteralStringValueExpr) e).getValue();
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS
                && (u.getExpression() instanceof IntegerLiteralExpr || u.getExpression() instanceof DoubleLiteralExpr)) {
            return "-" + ((LiteralStringValueExpr) u.getExpression()).getValue();
        }
        if (e instanceof BooleanLiteralExpr b) {
            return Boolean.toString(b.getValue());
        }
        if (e instanceof FieldAccessExpr f && f.getScope() instanceof NameExpr scope && scope.getNameAsString().equals(Seniority.class.getSimpleName())) {
            return f.getNameAsString();
        }
        return null;
    }

    private static int nesting(String text) {
        boolean[] quoted = insideQuotes(text);
        int depth = 0;
        int max = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted[i]) {
                continue;
            }
            if (c == '(' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == ')' || c == ']') {
                depth--;
            }
        }
        return max;
    }

    /** For each character of a condition's text, whether it stands inside a quoted string (quotes included). */
    static boolean[] insideQuotes(String text) {
        boolean[] quoted = new boolean[text.length()];
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                quoted[i] = true;
                if (c == '\\' && i + 1 < text.length()) {
                    quoted[++i] = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                quoted[i] = true;
                inString = true;
            }
        }
        return quoted;
    }

    /** Prints the allowed tree, with brackets only where precedence needs them (Drools indexes plain comparisons). */
    /** A pattern a condition matches, and the most text it can read: what its cost is counted from. */
    record Matched(String regex, int textBound) {
    }

    private record Printer(FactType fact, List<Matched> patterns) {

        String print(Expression e, int depth) throws Refused {
            if (depth > MAX_DEPTH * 4) {
                throw new Refused("the condition is nested too deeply", null);
            }
            if (e instanceof EnclosedExpr enclosed) {
                return print(enclosed.getInner(), depth + 1);
            }
            if (e instanceof BinaryExpr b) {
                return binary(b, depth);
            }
            if (e instanceof UnaryExpr u) {
                return unary(u, depth);
            }
            if (e instanceof PointFreeExpr p) {
                return pointFree(p, depth);
            }
            if (e instanceof DrlNameExpr || e instanceof NameExpr) {
                return property(e);
            }
            if (e instanceof FieldAccessExpr f) {
                return seniority(f);
            }
            if (e instanceof ArrayAccessExpr a) {
                return mapEntry(a);
            }
            if (isLiteral(e)) {
                return literal(e);
            }
            throw refusal(e);
        }

        private String binary(BinaryExpr b, int depth) throws Refused {
            BinaryExpr.Operator op = b.getOperator();
            if (!BINARY.contains(op)) {
                throw new Refused("the operator " + op.asString() + " is not part of the rule language", op.asString());
            }
            if (b.getRight() instanceof HalfBinaryExpr || b.getRight() instanceof HalfPointFreeExpr) {
                throw new Refused("write the property again on each side: employeeCount > 10 && employeeCount < 20", op.asString());
            }
            if ((op == BinaryExpr.Operator.DIVIDE || op == BinaryExpr.Operator.REMAINDER) && !isNonZeroNumber(b.getRight())) {
                throw new Refused("divide only by a number other than zero", op.asString());
            }
            int precedence = precedence(b);
            String left = bracketed(b.getLeft(), precedence, false, depth);
            String right = bracketed(b.getRight(), precedence, true, depth);
            if (precedence >= 5) {
                for (Expression operand : List.of(b.getLeft(), b.getRight())) {
                    Kind kind = kindOf(operand);
                    boolean number = kind == Kind.NUMBER || kind == Kind.PRIMITIVE_NUMBER;
                    if (!(number || kind == Kind.TEXT && op == BinaryExpr.Operator.PLUS)) {
                        throw new Refused("arithmetic (" + op.asString() + ") works on numbers, and " + shorten(printed(operand), 40) + " is "
                                + (kind == Kind.UNKNOWN ? "not one" : kind.described), firstWord(operand));
                    }
                }
            }
            if (precedence == 3 || precedence == 4) {
                comparable(b.getLeft(), b.getRight(), op.asString());
            }
            String printed = left + " " + op.asString() + " " + right;
            if (precedence == 3 || precedence == 4) {
                // Arithmetic on an unknown value would throw; like a comparison with one, it is simply not met.
                java.util.Set<String> unknowable = new java.util.TreeSet<>();
                nullableInArithmetic(b, false, unknowable);
                if (!unknowable.isEmpty()) {
                    return "(" + String.join(" && ", unknowable.stream().map(name -> name + " != null").toList()) + " && " + printed + ")";
                }
            }
            return printed;
        }

        /** The properties that may be null and are used in arithmetic somewhere under {@code e}. */
        private void nullableInArithmetic(Expression e, boolean inArithmetic, java.util.Set<String> found) {
            Expression inner = unwrap(e);
            if (inner instanceof BinaryExpr b) {
                boolean arithmetic = precedence(b) >= 5;
                nullableInArithmetic(b.getLeft(), arithmetic, found);
                nullableInArithmetic(b.getRight(), arithmetic, found);
            } else if (inner instanceof UnaryExpr u) {
                nullableInArithmetic(u.getExpression(), inArithmetic || u.getOperator() == UnaryExpr.Operator.MINUS, found);
            } else if (inArithmetic && (inner instanceof DrlNameExpr || inner instanceof NameExpr)) {
                String name = inner instanceof DrlNameExpr d ? d.getNameAsString() : ((NameExpr) inner).getNameAsString();
                Class<?> type = fact.properties().get(name);
                if (type != null && !type.isPrimitive()) {
                    found.add(name);
                }
            }
        }

        private String unary(UnaryExpr u, int depth) throws Refused {
            if (u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
                return "!" + bracketed(u.getExpression(), 7, false, depth);
            }
            if (u.getOperator() == UnaryExpr.Operator.MINUS) {
                return "-" + bracketed(u.getExpression(), 7, false, depth);
            }
            throw new Refused("the operator " + u.getOperator().asString() + " is not part of the rule language", u.getOperator().asString());
        }

        private String pointFree(PointFreeExpr p, int depth) throws Refused {
            String operator = p.getOperator().asString();
            if (!WORD_OPERATORS.contains(operator) || p.getArg1() != null || p.getArg2() != null || p.getArg3() != null
                    || p.getArg4() != null) {
                throw new Refused("the operator " + operator + " is not part of the rule language", operator);
            }
            String left = bracketed(p.getLeft(), 4, false, depth);
            String not = p.isNegated() ? "not " : "";
            List<Expression> right = p.getRight();
            if (operator.equals("in")) {
                if (right.isEmpty()) {
                    throw new Refused("list the values after in: country in (\"US\", \"CA\")", operator);
                }
                StringBuilder values = new StringBuilder();
                for (Expression value : right) {
                    comparable(p.getLeft(), value, "in");
                    if (!(isLiteral(value) || value instanceof FieldAccessExpr)) {
                        throw new Refused("the values after in must be written out (text, numbers, Seniority values)", firstWord(value));
                    }
                    values.append(values.length() == 0 ? "" : ", ").append(print(value, depth + 1));
                }
                return left + " " + not + "in (" + values + ")";
            }
            if (right.size() != 1) {
                throw new Refused(operator + " takes one value", operator);
            }
            Expression value = right.get(0);
            if (operator.equals("matches")) {
                if (!(value instanceof StringLiteralExpr pattern)) {
                    throw new Refused("matches takes a pattern written in quotes", operator);
                }
                Kind kind = kindOf(p.getLeft());
                if (kind != Kind.TEXT && kind != Kind.UNKNOWN) {
                    throw new Refused("matches compares text, and " + shorten(printed(p.getLeft()), 40) + " is " + kind.described, operator);
                }
                String problem = LinearMatches.problem(pattern.asString()).orElse(null);
                if (problem != null) {
                    throw new Refused(problem, operator);
                }
                String printed = left + " " + not + LinearMatches.NAME + " " + literal(pattern);
                // An activity's type is at most 100 characters (the intake refuses longer ones); any other text is read up to MAX_TEXT.
                boolean type = fact == FactType.ACTIVITY && left.equals("type");
                patterns.add(new Matched(pattern.asString(), type ? org.leadscoring.scoring.Activity.MAX_TYPE_LENGTH : LinearMatches.MAX_TEXT));
                return printed;
            }
            return left + " " + not + operator + " " + bracketed(value, 4, true, depth);
        }

        /** Refuses a comparison of values that can never be compared, such as a number with text. */
        private void comparable(Expression left, Expression right, String operator) throws Refused {
            Kind a = kindOf(left);
            Kind b = kindOf(right);
            if (a == Kind.UNKNOWN || b == Kind.UNKNOWN || a == Kind.MAP_ENTRY || b == Kind.MAP_ENTRY || a == b) {
                return;
            }
            if (a == Kind.NULL || b == Kind.NULL) {
                Kind other = a == Kind.NULL ? b : a;
                if (other != Kind.PRIMITIVE_NUMBER && other != Kind.PRIMITIVE_FLAG) {
                    return;
                }
            } else if (a.sameAs(b)) {
                return;
            }
            Expression named = a == Kind.NULL || isLiteral(unwrap(left)) ? right : left;
            Kind namedKind = named == left ? a : b;
            Kind otherKind = named == left ? b : a;
            throw new Refused(shorten(printed(named), 40) + " is " + namedKind.described + " and cannot be compared (" + operator + ") with "
                    + otherKind.described, firstWord(named));
        }

        private Kind kindOf(Expression e) {
            Expression inner = unwrap(e);
            if (inner instanceof StringLiteralExpr) {
                return Kind.TEXT;
            }
            if (inner instanceof IntegerLiteralExpr || inner instanceof LongLiteralExpr || inner instanceof DoubleLiteralExpr) {
                return Kind.NUMBER;
            }
            if (inner instanceof BooleanLiteralExpr) {
                return Kind.FLAG;
            }
            if (inner instanceof NullLiteralExpr) {
                return Kind.NULL;
            }
            if (inner instanceof FieldAccessExpr f && printed(f.getScope()).equals("Seniority")) {
                return Kind.SENIORITY;
            }
            if (inner instanceof UnaryExpr u) {
                return u.getOperator() == UnaryExpr.Operator.MINUS ? Kind.NUMBER : Kind.FLAG;
            }
            if (inner instanceof BinaryExpr b) {
                return precedence(b) >= 5 ? (kindOf(b.getLeft()) == Kind.TEXT ? Kind.TEXT : Kind.NUMBER) : Kind.FLAG;
            }
            if (inner instanceof DrlNameExpr || inner instanceof NameExpr) {
                String name = inner instanceof DrlNameExpr d ? d.getNameAsString() : ((NameExpr) inner).getNameAsString();
                return Kind.of(fact.properties().get(name));
            }
            if (inner instanceof ArrayAccessExpr) {
                return Kind.MAP_ENTRY;
            }
            return Kind.UNKNOWN;
        }

        private String property(Expression e) throws Refused {
            if (e instanceof DrlNameExpr drl && drl.getBackReferencesCount() > 0) {
                throw new Refused("../ paths are not part of the rule language", drl.getNameAsString());
            }
            String name = e instanceof DrlNameExpr d ? d.getNameAsString() : ((NameExpr) e).getNameAsString();
            if (!fact.properties().containsKey(name)) {
                throw new Refused(fact.simpleName() + " has no property '" + shorten(name, 40) + "'; it offers "
                        + String.join(", ", fact.properties().keySet()), name);
            }
            return name;
        }

        private String seniority(FieldAccessExpr f) throws Refused {
            if (f.getScope() instanceof NameExpr || f.getScope() instanceof DrlNameExpr) {
                String scope = f.getScope() instanceof NameExpr n ? n.getNameAsString() : ((DrlNameExpr) f.getScope()).getNameAsString();
                if (scope.equals("Seniority") && SENIORITIES.contains(f.getNameAsString())) {
                    return "Seniority." + f.getNameAsString();
                }
                if (scope.equals("Seniority")) {
                    throw new Refused("Seniority has no value " + shorten(f.getNameAsString(), 40) + "; it has " + String.join(", ",
                            Arrays.stream(Seniority.values()).map(Enum::name).toList()), f.getNameAsString());
                }
            }
            throw new Refused("'" + shorten(printed(f), 60) + "' names something outside the facts: a condition reads the "
                    + fact.simpleName() + "'s own properties", firstWord(f));
        }

        private String mapEntry(ArrayAccessExpr a) throws Refused {
            if (!(a.getName() instanceof NameExpr || a.getName() instanceof DrlNameExpr)) {
                throw new Refused("a map entry is read one level deep, as in custom[\"plan\"]: its value is text, not another map", firstWord(a));
            }
            String map = print(a.getName(), 0);
            if (!Map.class.isAssignableFrom(fact.properties().get(map))) {
                throw new Refused(map + " is not a map: only " + fact.simpleName() + "'s maps take [\"key\"]", map);
            }
            if (!(a.getIndex() instanceof StringLiteralExpr key)) {
                throw new Refused("write the key in quotes: " + map + "[\"form\"]", map);
            }
            return map + "[" + literal(key) + "]";
        }

        private String bracketed(Expression child, int parentPrecedence, boolean right, int depth) throws Refused {
            String printed = print(child, depth + 1);
            int own = precedence(unwrap(child));
            return own < parentPrecedence || (right && own == parentPrecedence) ? "(" + printed + ")" : printed;
        }
    }

    /** What a value is, as far as comparing it goes. */
    enum Kind {
        TEXT("text"), NUMBER("a number"), PRIMITIVE_NUMBER("a number that is always known"), FLAG("true or false"),
        PRIMITIVE_FLAG("true or false, always known"), SENIORITY("a Seniority"), TIME("a moment (compare daysAgo instead)"),
        MAP_ENTRY("a map entry"), NULL("null"), UNKNOWN("");

        final String described;

        Kind(String described) {
            this.described = described;
        }

        boolean sameAs(Kind other) {
            return family() == other.family();
        }

        private Kind family() {
            return this == PRIMITIVE_NUMBER ? NUMBER : this == PRIMITIVE_FLAG ? FLAG : this;
        }

        static Kind of(Class<?> type) {
            if (type == null) {
                return UNKNOWN;
            }
            if (type == String.class) {
                return TEXT;
            }
            if (type == int.class || type == long.class || type == double.class) {
                return PRIMITIVE_NUMBER;
            }
            if (type == boolean.class) {
                return PRIMITIVE_FLAG;
            }
            if (Number.class.isAssignableFrom(type)) {
                return NUMBER;
            }
            if (type == Boolean.class) {
                return FLAG;
            }
            if (type == Seniority.class) {
                return SENIORITY;
            }
            if (type == java.time.Instant.class) {
                return TIME;
            }
            return UNKNOWN;
        }
    }

    private static Expression unwrap(Expression e) {
        while (e instanceof EnclosedExpr enclosed) {
            e = enclosed.getInner();
        }
        return e;
    }

    private static int precedence(Expression e) {
        if (e instanceof BinaryExpr b) {
            return switch (b.getOperator()) {
                case OR -> 1;
                case AND -> 2;
                case EQUALS, NOT_EQUALS -> 3;
                case LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> 4;
                case PLUS, MINUS -> 5;
                default -> 6;
            };
        }
        if (e instanceof PointFreeExpr) {
            return 4;
        }
        if (e instanceof UnaryExpr) {
            return 7;
        }
        return 8;
    }

    private static boolean isLiteral(Expression e) {
        return e instanceof StringLiteralExpr || e instanceof IntegerLiteralExpr || e instanceof LongLiteralExpr
                || e instanceof DoubleLiteralExpr || e instanceof BooleanLiteralExpr || e instanceof NullLiteralExpr;
    }

    private static boolean isNonZeroNumber(Expression e) {
        Expression inner = unwrap(e);
        return (inner instanceof IntegerLiteralExpr || inner instanceof LongLiteralExpr || inner instanceof DoubleLiteralExpr)
                && Double.parseDouble(((LiteralStringValueExpr) inner).getValue().replace("_", "").replaceAll("[lLdDfF]$", "")) != 0;
    }

    private static String literal(Expression e) throws Refused {
        if (e instanceof StringLiteralExpr s) {
            String value = s.asString();
            String problem = RuleNames.textProblem(value).orElse(null);
            if (problem != null) {
                throw new Refused(problem, null);
            }
            return quoted(value);
        }
        if (e instanceof BooleanLiteralExpr b) {
            return Boolean.toString(b.getValue());
        }
        if (e instanceof NullLiteralExpr) {
            return "null";
        }
        String digits = ((LiteralStringValueExpr) e).getValue().replace("_", "");
        try {
            if (e instanceof IntegerLiteralExpr i) {
                return i.asNumber().toString();
            }
            if (e instanceof LongLiteralExpr l) {
                return l.asNumber() + "L";
            }
            double d = Double.parseDouble(digits.replaceAll("[dDfF]$", ""));
            if (Double.isInfinite(d) || Double.isNaN(d)) {
                throw new NumberFormatException(digits);
            }
            return Double.toString(d);
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            throw new Refused("the number " + shorten(digits, 30) + " is out of range", shorten(digits, 30));
        }
    }

    /**
     * A string as a DRL literal: only backslash and quote are escaped, so no escape that javac decodes (a
     * unicode escape) can ever be printed. Control characters are refused where the file is read.
     */
    static String quoted(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '"') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static Refused refusal(Expression e) {
        String what;
        String near = firstWord(e);
        if (e instanceof MethodCallExpr m) {
            what = "calling " + shorten(m.getNameAsString(), 40) + "(…)";
            near = m.getNameAsString();
        } else if (e instanceof ObjectCreationExpr) {
            what = "creating objects with new";
            near = "new";
        } else if (e instanceof ClassExpr) {
            what = "naming a class (.class)";
            near = "class";
        } else if (e instanceof CastExpr) {
            what = "casts";
        } else {
            what = "'" + shorten(printed(e), 60) + "'";
        }
        return new Refused(what + " is not part of the rule language: a condition compares the fact's properties with values", near);
    }

    private static String printed(Node n) {
        try {
            return org.drools.mvel.parser.printer.PrintUtil.printNode(n);
        } catch (RuntimeException e) {
            return n.getClass().getSimpleName();
        }
    }

    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    /** The first name in a node's text, to find it again in the source. */
    private static String firstWord(Node n) {
        Matcher m = WORD.matcher(printed(n));
        return m.find() ? m.group() : null;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
