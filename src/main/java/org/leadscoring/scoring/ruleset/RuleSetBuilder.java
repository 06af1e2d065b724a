package org.leadscoring.scoring.ruleset;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSessionConfiguration;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Decision;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.Evaluation;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.RuleLoopException;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringTimeoutException;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.CheckedFile.RuleDeclaration;
import org.leadscoring.scoring.ruleset.language.LinearMatches;
import org.leadscoring.scoring.ruleset.language.RuleLanguage;
import org.leadscoring.scoring.model.GradeBand;
import org.leadscoring.scoring.model.ModelExample;
import org.leadscoring.scoring.model.ScoringModel;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Builds a {@link RuleSet} from a snapshot of the rule and model files: parses and checks the models,
 * compiles each model's DRL files to the executable model, reads the rules' metadata, and runs every model's
 * examples. Anything wrong comes back as {@link BuildProblem}s with file, line and column; a build with an
 * error produces no rule set.
 */
public final class RuleSetBuilder {

    static final String KFS_ROOT = "src/main/resources/";
    private static final Pattern PARSER_POSITION = Pattern.compile("\\bLine (\\d+):(-?\\d+)");

    private final String defaultModel;
    private final EvaluationLimits limits;
    private final ClassLoader classLoader;
    private final ObjectMapper yaml;

    public RuleSetBuilder(String defaultModel, int maxFirings) {
        this(defaultModel, EvaluationLimits.firings(maxFirings));
    }

    public RuleSetBuilder(String defaultModel, EvaluationLimits limits) {
        this.defaultModel = defaultModel;
        this.limits = limits;
        // Drools must resolve the fact classes through the loader that holds them (Quarkus runs apps in their own).
        this.classLoader = Prospect.class.getClassLoader();
        this.yaml = YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new JavaTimeModule())
                .build();
    }

    /** What a build produced: a rule set when there was no error, and every problem found. */
    public record Result(RuleSet ruleSet, List<BuildProblem> problems) {

        public List<BuildProblem> errors() {
            return problems.stream().filter(BuildProblem::isError).toList();
        }
    }

    public Result build(Snapshot snapshot) {
        return build(snapshot, true);
    }

    /**
     * Builds, checking the models' examples or not: a rule set whose examples fail is never served, but the
     * rules workbench still scores with it to show what the draft does.
     */
    public Result build(Snapshot snapshot, boolean checkExamples) {
        List<BuildProblem> problems = new ArrayList<>();
        // Rule files are untrusted: each is checked against the rule language, and only the canonical DRL printed
        // from what was checked is ever compiled.
        Map<String, CheckedFile> checked = new TreeMap<>();
        for (SourceFile file : snapshot.rules().values()) {
            CheckedFile c = RuleLanguage.check(file.path(), file.content());
            problems.addAll(c.problems());
            checked.put(file.path(), c);
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        Map<String, ParsedModel> parsed = parseModels(snapshot, problems);
        if (parsed.isEmpty() && problems.isEmpty()) {
            problems.add(BuildProblem.error(null, "No scoring model found: add a .yaml file to the models folder"));
        }
        if (!parsed.isEmpty() && !parsed.containsKey(defaultModel)) {
            problems.add(BuildProblem.error(null, "The default model '" + defaultModel + "' is not among the models "
                    + parsed.keySet() + " (set leadscoring.default-model)"));
        }

        Set<String> usedRuleFiles = new HashSet<>();
        Map<Set<String>, Compiled> compiledByFiles = new HashMap<>();
        Map<String, CompiledModel> models = new TreeMap<>();
        for (ParsedModel pm : parsed.values()) {
            Set<String> files = resolveRuleFiles(pm, snapshot, problems);
            usedRuleFiles.addAll(files);
            if (files.isEmpty()) {
                continue;
            }
            Compiled compiled = compiledByFiles.computeIfAbsent(files,
                    f -> compile(f.stream().map(checked::get).toList(), problems));
            if (compiled == null) {
                continue;
            }
            CompiledModel model = new CompiledModel(pm.model, pm.file, compiled.kieBase, compiled.sessionConfig, compiled.rules, limits,
                    snapshot.version());
            models.put(pm.model.name(), model);
        }
        boolean allModelsParsed = parsed.size() == snapshot.models().size();
        for (String file : snapshot.rules().keySet()) {
            if (allModelsParsed && !usedRuleFiles.contains(file)) {
                problems.add(BuildProblem.warning(file, "Not used by any scoring model: its rules are not loaded"));
            }
        }
        if (problems.stream().anyMatch(BuildProblem::isError)) {
            return new Result(null, problems);
        }
        for (CompiledModel model : checkExamples ? models.values() : List.<CompiledModel>of()) {
            runExamples(model, snapshot.models().get(model.file()), problems);
        }
        if (problems.stream().anyMatch(BuildProblem::isError)) {
            return new Result(null, problems);
        }
        RuleSet ruleSet = new RuleSet(snapshot.version(), Instant.now(), models, defaultModel,
                List.copyOf(snapshot.rules().keySet()), List.copyOf(snapshot.models().keySet()),
                problems.stream().filter(p -> !p.isError()).toList());
        return new Result(ruleSet, problems);
    }

    // ---- models ----------------------------------------------------------------------------------------------

    private record ParsedModel(ScoringModel model, String file) {
    }

    private Map<String, ParsedModel> parseModels(Snapshot snapshot, List<BuildProblem> problems) {
        Map<String, ParsedModel> models = new TreeMap<>();
        for (SourceFile f : snapshot.models().values()) {
            ScoringModel model;
            try {
                model = yaml.readValue(f.content(), ScoringModel.class);
            } catch (JsonProcessingException e) {
                problems.add(yamlProblem(f.path(), e));
                continue;
            }
            if (model == null) {
                problems.add(BuildProblem.error(f.path(), "The model file is empty"));
                continue;
            }
            int before = problems.size();
            checkModel(model, f, problems);
            if (problems.size() > before) {
                continue;
            }
            ParsedModel previous = models.putIfAbsent(model.name(), new ParsedModel(model, f.path()));
            if (previous != null) {
                problems.add(BuildProblem.error(f.path(), "name: the model name '" + model.name() + "' is already used by " + previous.file));
            }
        }
        return models;
    }

    private static BuildProblem yamlProblem(String file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String path = e instanceof JsonMappingException jme ? org.leadscoring.api.JsonErrors.path(jme) : "";
        String message = e.getOriginalMessage().replaceAll("\\s*\\(class [^)]*\\)", "").replaceAll("`(?:[a-z0-9_]+\\.)+([A-Za-z$]+)`", "$1");
        int cut = message.indexOf("\n");
        message = cut > 0 ? message.substring(0, cut) : message;
        return BuildProblem.error(file, loc == null ? null : loc.getLineNr(), loc == null ? null : loc.getColumnNr(),
                (path.isEmpty() ? "" : path + ": ") + message);
    }

    private static void checkModel(ScoringModel m, SourceFile f, List<BuildProblem> problems) {
        String file = f.path();
        if (m.name() == null || m.name().isBlank()) {
            problems.add(BuildProblem.error(file, "name: every model needs a name"));
        } else if (!m.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            problems.add(BuildProblem.error(file, "name: use letters, digits, '-', '_' or '.' only, not '" + m.name() + "'"));
        }
        if (m.rules().isEmpty()) {
            problems.add(BuildProblem.error(file, "rules: list the rule files (or patterns such as b2b/*.drl) this model uses"));
        }
        if (m.qualification() == null) {
            problems.add(BuildProblem.error(file, "qualification: say when a prospect qualifies (min_fit, min_engagement, min_total)"));
        } else {
            if (m.qualification().minFit() == null && m.qualification().minEngagement() == null && m.qualification().minTotal() == null) {
                problems.add(BuildProblem.error(file, "qualification: give at least one of min_fit, min_engagement, min_total"));
            }
            if (m.qualification().hysteresis() < 0) {
                problems.add(BuildProblem.error(file, "qualification.hysteresis: must not be negative"));
            }
        }
        if (m.grades().isEmpty()) {
            problems.add(BuildProblem.error(file, "grades: list the grade bands, highest first"));
        }
        Integer previous = null;
        for (int i = 0; i < m.grades().size(); i++) {
            GradeBand band = m.grades().get(i);
            String where = "grades[" + i + "]";
            if (band.grade() == null || band.grade().isBlank()) {
                problems.add(BuildProblem.error(file, where + ".grade: every band needs a grade"));
            }
            if (band.min() == null && i < m.grades().size() - 1) {
                problems.add(BuildProblem.error(file, where + ".min: only the lowest band may leave min out"));
            }
            if (band.min() != null && previous != null && band.min() >= previous) {
                problems.add(BuildProblem.error(file, where + ".min: bands go highest first, so " + band.min() + " must be below " + previous));
            }
            previous = band.min();
        }
        for (Axis axis : Axis.values()) {
            var limits = m.limits().of(axis);
            if (limits.floor() != null && limits.cap() != null && limits.floor() > limits.cap()) {
                problems.add(BuildProblem.error(file, "limits." + axis.jsonName() + ": floor " + limits.floor() + " is above cap " + limits.cap()));
            }
        }
        for (int i = 0; i < m.examples().size(); i++) {
            ModelExample ex = m.examples().get(i);
            String where = "examples[" + i + "]";
            if (ex.name() == null || ex.name().isBlank()) {
                problems.add(BuildProblem.error(file, where + ".name: every example needs a name"));
            }
            if (ex.prospect() == null || ex.prospect().email() == null) {
                problems.add(BuildProblem.error(file, lineOf(f.content(), ex.name()), null, where + ".prospect.email: every example needs a prospect with an email"));
            }
            if (ex.expect() == null) {
                problems.add(BuildProblem.error(file, lineOf(f.content(), ex.name()), null, where + ".expect: say what the example must come out as"));
            } else if (ex.expect().decision() != null) {
                try {
                    DecisionAction.parse(ex.expect().decision());
                } catch (IllegalArgumentException e) {
                    problems.add(BuildProblem.error(file, lineOf(f.content(), ex.name()), null, where + ".expect.decision: " + e.getMessage()));
                }
            }
            for (int j = 0; j < ex.activities().size(); j++) {
                var a = ex.activities().get(j);
                if (a.type() == null || (a.at() == null) == (a.daysAgo() == null)) {
                    problems.add(BuildProblem.error(file, lineOf(f.content(), ex.name()), null,
                            where + ".activities[" + j + "]: give a type and either at or days_ago"));
                }
            }
        }
    }

    private static Set<String> resolveRuleFiles(ParsedModel pm, Snapshot snapshot, List<BuildProblem> problems) {
        Set<String> files = new TreeSet<>();
        for (String pattern : pm.model.rules()) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<String> matched = snapshot.rules().keySet().stream().filter(p -> matcher.matches(Path.of(p))).toList();
            if (matched.isEmpty()) {
                problems.add(BuildProblem.error(pm.file, "rules: no rule file matches '" + pattern + "'"));
            }
            files.addAll(matched);
        }
        return files;
    }

    // ---- rules -----------------------------------------------------------------------------------------------

    record Compiled(KieBase kieBase, KieSessionConfiguration sessionConfig, Map<String, RuleInfo> rules) {
    }

    /**
     * Compiles the canonical DRL of checked files to the executable model, refuses generated classes that reach
     * past {@link GeneratedCodeCheck}'s allowlist, and reads each rule's metadata; null when anything fails.
     */
    Compiled compile(List<CheckedFile> files, List<BuildProblem> problems) {
        LinearMatches.register();
        Map<String, RuleDeclaration> byName = new HashMap<>();
        boolean duplicates = false;
        for (CheckedFile file : files) {
            for (RuleDeclaration d : file.rules()) {
                RuleDeclaration first = byName.putIfAbsent(d.name(), d);
                if (first != null) {
                    problems.add(BuildProblem.error(d.file(), d.line(), null, "Rule \"" + d.name() + "\" is already declared at "
                            + first.file() + ":" + first.line() + "; rule names must be unique within a model"));
                    duplicates = true;
                }
            }
        }
        if (duplicates) {
            return null;
        }
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // A release id of its own per build: the KIE repository is one per JVM and builds must not overwrite each other.
        ReleaseId releaseId = ks.newReleaseId("org.leadscoring.rules", "ruleset", UUID.randomUUID().toString());
        kfs.generateAndWritePomXML(releaseId);
        // Each file goes in the folder of its package, as Drools expects; paths map back for error messages.
        Map<String, CheckedFile> fileByKfsPath = new HashMap<>();
        int index = 0;
        for (CheckedFile file : files) {
            String kfsPath = KFS_ROOT + file.packageName().replace('.', '/') + "/" + (index++) + "_" + file.file().replaceAll(".*/", "");
            fileByKfsPath.put(kfsPath, file);
            kfs.write(kfsPath, file.canonical());
        }
        KieBuilder builder = ks.newKieBuilder(kfs, classLoader);
        try {
            builder.buildAll(ExecutableModelProject.class);
        } catch (RuntimeException e) {
            // Drools' code generator throws on some rules its checks let through (a coercion it cannot make).
            ks.getRepository().removeKieModule(releaseId);
            String only = files.size() == 1 ? files.get(0).file() : null;
            problems.add(BuildProblem.error(only, "The rules could not be compiled: " + withoutGeneratedCode(String.valueOf(e.getMessage()))));
            return null;
        }
        List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
        if (!messages.isEmpty()) {
            for (Message m : messages) {
                // Drools adds this after any parse error; it says nothing the parse error does not.
                if (messages.size() > 1 && m.getText() != null && m.getText().contains("Parser returned a null Package")) {
                    continue;
                }
                problems.add(toProblem(m, fileByKfsPath, byName));
            }
            ks.getRepository().removeKieModule(releaseId);
            return null;
        }
        Set<String> reached = GeneratedCodeCheck.disallowed(generatedClasses(builder));
        if (!reached.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            String only = files.size() == 1 ? files.get(0).file() : null;
            problems.add(BuildProblem.error(only, "The compiled rules reach " + String.join(", ", reached.stream().limit(5).toList())
                    + ", which rules may not use; nothing was loaded"));
            return null;
        }
        KieContainer container = ks.newKieContainer(releaseId, classLoader);
        KieBase kieBase = container.newKieBase(ks.newKieBaseConfiguration());
        ks.getRepository().removeKieModule(releaseId);

        Map<String, RuleInfo> rules = new HashMap<>();
        int before = problems.size();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleDeclaration where = byName.get(rule.getName());
                RuleInfo info = ruleInfo(rule, where, problems);
                if (info != null) {
                    rules.put(rule.getName(), info);
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        KieSessionConfiguration sessionConfig = ks.newKieSessionConfiguration();
        return new Compiled(kieBase, sessionConfig, rules);
    }

    /** Every class the build generated, by internal name. */
    private static Map<String, byte[]> generatedClasses(KieBuilder builder) {
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        Map<String, byte[]> classes = new HashMap<>();
        for (String name : module.getFileNames()) {
            if (name.endsWith(".class")) {
                classes.put(name.substring(0, name.length() - ".class".length()), module.getBytes(name));
            }
        }
        return classes;
    }

    /**
     * A Drools message as a problem in the rule file: positions in the canonical DRL are taken back to the lines
     * they were printed from, and nothing of the Java that Drools generated is repeated.
     */
    private static BuildProblem toProblem(Message m, Map<String, CheckedFile> fileByKfsPath, Map<String, RuleDeclaration> byName) {
        String text = m.getText() == null ? "" : m.getText().trim();
        int canonicalLine = m.getLine();
        // Parser messages carry the exact position in their text ("Line 17:0 mismatched input").
        Matcher exact = PARSER_POSITION.matcher(text);
        if (exact.find() && Integer.parseInt(exact.group(1)) > 0) {
            canonicalLine = Integer.parseInt(exact.group(1));
        }
        String message = withoutGeneratedCode(text);
        CheckedFile file = m.getPath() == null ? null : fileByKfsPath.get(m.getPath());
        CheckedFile.Position at = file == null ? null : file.origin(canonicalLine);
        if (at == null) {
            // Some messages have no line but quote the condition: find the canonical line they quote.
            for (CheckedFile f : fileByKfsPath.values()) {
                CheckedFile.Position quoted = quotedLine(f, text);
                if (quoted != null && (file == null || f == file)) {
                    return BuildProblem.error(f.file(), quoted.line(), quoted.column(), message);
                }
            }
        }
        if (file != null) {
            return BuildProblem.error(file.file(), at == null ? null : at.line(), at == null ? null : at.column(), message);
        }
        // The executable model reports some errors against the Java it generated: name the rule it mentions.
        for (RuleDeclaration d : byName.values()) {
            if (text.contains("\"" + d.name() + "\"") || text.contains("rule " + d.name() + " ")) {
                return BuildProblem.error(d.file(), d.line(), null, message);
            }
        }
        String only = fileByKfsPath.size() == 1 ? fileByKfsPath.values().iterator().next().file() : null;
        return BuildProblem.error(only, null, null, message);
    }

    /** Where the condition a message quotes was printed from, when one of the file's condition lines is in it. */
    private static CheckedFile.Position quotedLine(CheckedFile file, String text) {
        List<String> lines = file.canonical().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String condition = lines.get(i).replaceAll("(,| \\))$", "").trim();
            if (condition.length() >= 6 && !condition.startsWith("rule ") && text.contains(condition)) {
                return file.origin(i + 1);
            }
        }
        return null;
    }

    /** The first line of a Drools message, without the generated Java source some of them quote. */
    static String withoutGeneratedCode(String text) {
        String message = text;
        int source = message.indexOf("Java source of");
        if (source >= 0) {
            message = message.substring(0, source);
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        message = message.replaceAll("\\bsrc/main/java/\\S+", "the generated code").trim();
        if (message.isEmpty()) {
            message = "The rule could not be compiled";
        }
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private static RuleInfo ruleInfo(Rule rule, RuleDeclaration where, List<BuildProblem> problems) {
        Map<String, Object> meta = rule.getMetaData();
        String file = where == null ? null : where.file();
        Integer line = where == null ? null : where.line();
        String name = rule.getName();
        try {
            Integer fit = integer(meta.get("fit"), "fit");
            Integer engagement = integer(meta.get("engagement"), "engagement");
            if (fit != null && engagement != null) {
                throw new IllegalArgumentException("a rule gives points on one axis: use either @fit or @engagement");
            }
            Routing routing = meta.get("routing") == null ? null : Routing.parse(text(meta.get("routing")));
            if (fit == null && engagement == null && routing == null) {
                throw new IllegalArgumentException("give it points with @fit(n) or @engagement(n), or a @routing(contact|reject); as it is it does nothing");
            }
            Integer max = integer(meta.get("max"), "max");
            if (max != null && max < 1) {
                throw new IllegalArgumentException("@max must be at least 1");
            }
            String reason = meta.get("reason") == null ? name : text(meta.get("reason"));
            Axis axis = fit != null ? Axis.FIT : engagement != null ? Axis.ENGAGEMENT : null;
            int points = fit != null ? fit : engagement != null ? engagement : 0;
            return new RuleInfo(name, file, line == null ? 0 : line, axis, points, routing, max, reason);
        } catch (IllegalArgumentException e) {
            problems.add(BuildProblem.error(file, line, null, "Rule \"" + name + "\": " + e.getMessage()));
            return null;
        }
    }

    private static Integer integer(Object value, String key) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("@" + key + " takes whole points, not " + n);
            }
            return n.intValue();
        }
        try {
            return Integer.valueOf(text(value).replace(" ", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("@" + key + " takes a whole number, not '" + value + "'");
        }
    }

    private static String text(Object value) {
        String s = String.valueOf(value).trim();
        String unquoted = RuleLanguage.unquote(s);
        return unquoted != null ? unquoted : s;
    }

    // ---- examples --------------------------------------------------------------------------------------------

    private static void runExamples(CompiledModel model, SourceFile file, List<BuildProblem> problems) {
        Instant buildTime = Instant.now();
        for (ModelExample ex : model.model().examples()) {
            Integer line = lineOf(file.content(), ex.name());
            Instant now = ex.now() == null ? buildTime : ex.now();
            List<Activity> activities = ex.activities().stream()
                    .map(a -> new Activity(a.type(), a.at() != null ? a.at() : now.minus(java.time.Duration.ofDays(a.daysAgo())), a.properties(), 0))
                    .toList();
            Evaluation evaluation;
            try {
                evaluation = model.evaluate(ex.prospect().normalised(), activities, now);
            } catch (RuleLoopException | ScoringTimeoutException e) {
                problems.add(BuildProblem.error(file.path(), line, null, "Example \"" + ex.name() + "\": " + e.getMessage()));
                continue;
            }
            Decision decision = model.decide(evaluation, ex.existing());
            List<String> failures = compare(ex.expect(), evaluation, decision);
            if (!failures.isEmpty()) {
                problems.add(BuildProblem.error(file.path(), line, null, "Example \"" + ex.name() + "\" fails: "
                        + String.join("; ", failures) + ". It scored " + describe(evaluation.scoreCard())));
            }
        }
    }

    private static List<String> compare(ModelExample.Expectation expect, Evaluation evaluation, Decision decision) {
        List<String> failures = new ArrayList<>();
        ScoreCard card = evaluation.scoreCard();
        if (expect.decision() != null && DecisionAction.parse(expect.decision()) != decision.action()) {
            failures.add("expected decision " + expect.decision().toLowerCase(Locale.ROOT) + ", got " + decision.action().jsonName());
        }
        expectEqual(failures, "grade", expect.grade(), card.grade());
        expectEqual(failures, "qualified", expect.qualified(), card.qualified());
        expectEqual(failures, "fit", expect.fit(), card.fit());
        expectEqual(failures, "engagement", expect.engagement(), card.engagement());
        expectEqual(failures, "total", expect.total(), card.total());
        if (expect.fired() != null) {
            for (String rule : expect.fired()) {
                if (!evaluation.firedRules().contains(rule)) {
                    failures.add("expected rule \"" + rule + "\" to fire, it did not");
                }
            }
        }
        if (expect.notFired() != null) {
            for (String rule : expect.notFired()) {
                if (evaluation.firedRules().contains(rule)) {
                    failures.add("expected rule \"" + rule + "\" not to fire, it did");
                }
            }
        }
        return failures;
    }

    private static void expectEqual(List<String> failures, String what, Object expected, Object actual) {
        if (expected != null && !expected.equals(actual)) {
            failures.add("expected " + what + " " + expected + ", got " + actual);
        }
    }

    private static String describe(ScoreCard card) {
        StringBuilder sb = new StringBuilder("fit ").append(card.fit()).append(", engagement ").append(card.engagement())
                .append(", total ").append(card.total()).append(", grade ").append(card.grade()).append(" from ");
        if (card.contributions().isEmpty()) {
            return sb.append("no rule").toString();
        }
        List<String> parts = new ArrayList<>();
        card.contributions().forEach(c -> parts.add(c.rule() + " " + (c.points() >= 0 ? "+" : "") + c.points() + " " + c.axis().jsonName()));
        return sb.append(String.join(", ", parts)).toString();
    }

    // ---- text positions --------------------------------------------------------------------------------------

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Integer lineOf(String text, String needle) {
        if (needle == null) {
            return null;
        }
        int at = text.indexOf(needle);
        return at < 0 ? null : lineAt(text, at);
    }
}
