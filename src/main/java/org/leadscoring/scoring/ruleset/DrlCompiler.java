package org.leadscoring.scoring.ruleset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.CheckedFile.RuleDeclaration;
import org.leadscoring.scoring.ruleset.language.LinearMatches;
import org.leadscoring.scoring.ruleset.language.RuleLanguage;

/**
 * Compiles checked rule files (their canonical DRL) with Drools to the executable model, refuses generated classes
 * that reach past {@link GeneratedCodeCheck}'s allowlist, reads each rule's metadata ({@code @fit}, {@code @max} …),
 * and takes Drools' messages back to the line of the rule file they are about.
 */
final class DrlCompiler {

    static final String KFS_ROOT = "src/main/resources/";
    private static final Pattern PARSER_POSITION = Pattern.compile("\\bLine (\\d+):(-?\\d+)");

    // Drools must resolve the fact classes through the loader that holds them (Quarkus runs apps in their own).
    private final ClassLoader classLoader = Prospect.class.getClassLoader();

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
            // Always .drl: what is compiled is canonical DRL, whatever the file was written as (a point table's .csv would
            // be taken by Drools for a decision table).
            String name = file.file().replaceAll(".*/", "");
            String kfsPath = KFS_ROOT + file.packageName().replace('.', '/') + "/" + (index++) + "_" + (name.endsWith(".drl") ? name : name + ".drl");
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
            return new RuleInfo(name, axis, points, routing, max, reason);
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
}
