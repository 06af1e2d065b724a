package org.leadscoring.scoring.ruleset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
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
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.CheckedFile.RuleDeclaration;
import org.leadscoring.scoring.ruleset.language.LinearMatches;

/**
 * Compiles checked rule files (their canonical DRL) with Drools to the executable model, refuses generated classes
 * that reach past {@link GeneratedCodeCheck}'s allowlist, pairs each compiled rule with the declaration the rule
 * language read ({@code @fit}, {@code @max} …, the name people wrote), and takes Drools' messages back to the line
 * of the rule file they are about.
 */
final class DrlCompiler {

    static final String KFS_ROOT = "src/main/resources/";
    /** The packages the compiler gives rule files: {@code rules.f0}, {@code rules.f1} … */
    private static final String PACKAGE_ROOT = "rules";
    private static final int HEADER_LINES = 1;
    /**
     * Builds going on at once. The KIE repository is one per JVM and keeps a bounded number of modules, so many
     * builds at once evict each other's ("Cannot find KieModule"); and a build is CPU-bound, so more than the
     * machine's cores only queue in the scheduler instead of here.
     */
    private static final Semaphore BUILDS = new Semaphore(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), true);
    private static final Pattern PARSER_POSITION = Pattern.compile("\\bLine (\\d+):(-?\\d+)");

    // Drools must resolve the fact classes through the loader that holds them (Quarkus runs apps in their own).
    private final ClassLoader classLoader = Prospect.class.getClassLoader();

    /**
     * What a compile produced.
     *
     * @param rules the rules by the package and id Drools knows them by ({@link RuleIndex}), each with what it gives
     */
    record Compiled(KieBase kieBase, KieSessionConfiguration sessionConfig, RuleIndex rules) {
    }

    /**
     * Compiles the canonical DRL of checked files to the executable model, refuses generated classes that reach
     * past {@link GeneratedCodeCheck}'s allowlist, and pairs each rule Drools built with its declaration; null when
     * anything fails.
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
        BUILDS.acquireUninterruptibly();
        try {
            return build(files, problems);
        } finally {
            BUILDS.release();
        }
    }

    private Compiled build(List<CheckedFile> files, List<BuildProblem> problems) {
        Generated generated = generate(files, problems);
        if (generated == null) {
            return null;
        }
        KieServices ks = KieServices.Factory.get();
        try {
            // Classes are read here, before anything loads them: Drools loads the generated classes when the KieBase is made.
            Set<String> reached = GeneratedCodeCheck.disallowed(generated.classes());
            if (!reached.isEmpty()) {
                String only = files.size() == 1 ? files.get(0).file() : null;
                problems.add(BuildProblem.error(only, "The compiled rules reach what rules may not use (" + reached.size() + " finding"
                        + (reached.size() == 1 ? "" : "s") + ", first: " + String.join("; ", reached.stream()
                        .sorted(java.util.Comparator.comparing((String f) -> !f.startsWith("refused:"))).limit(3).toList()).replace('/', '.')
                        + "); nothing was loaded"));
                return null;
            }
            KieContainer container = ks.newKieContainer(generated.releaseId(), classLoader);
            KieBase kieBase = container.newKieBase(ks.newKieBaseConfiguration());
            RuleIndex.Builder index = new RuleIndex.Builder();
            for (KiePackage pkg : kieBase.getKiePackages()) {
                for (Rule rule : pkg.getRules()) {
                    RuleDeclaration d = generated.declared().getOrDefault(pkg.getName(), Map.of()).get(rule.getName());
                    if (d == null) {
                        problems.add(BuildProblem.error(null, "The compiled rules hold a rule that no rule file declares; nothing was loaded"));
                        return null;
                    }
                    index.add(pkg.getName(), rule.getName(), d.info());
                }
            }
            return new Compiled(kieBase, ks.newKieSessionConfiguration(), index.build());
        } finally {
            generated.discard();
        }
    }

    /**
     * Drools' build of checked files, nothing of it loaded yet: the classes it generated and, per package the compiler
     * gave a file, the rules declared by id.
     */
    record Generated(ReleaseId releaseId, Map<String, byte[]> classes, Map<String, Map<String, RuleDeclaration>> declared) {

        /** Forgets the build in the JVM's KIE repository. */
        void discard() {
            KieServices.Factory.get().getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * The first half of a compile: Drools generates and compiles Java from the canonical DRL, and nothing is loaded.
     * Null, with the problems noted, when Drools refuses it. The caller discards what it gets.
     */
    Generated generate(List<CheckedFile> files, List<BuildProblem> problems) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // A release id of its own per build: the KIE repository is one per JVM and builds must not overwrite each other.
        ReleaseId releaseId = ks.newReleaseId("org.leadscoring.rules", "b" + UUID.randomUUID().toString().replace("-", ""), "1");
        kfs.generateAndWritePomXML(releaseId);
        // Each file gets a package and a path of ours: nothing of its name or its package line reaches Drools, whose code
        // generator copies both into the Java it writes.
        Map<String, CheckedFile> fileByKfsPath = new HashMap<>();
        Map<String, Map<String, RuleDeclaration>> declared = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            CheckedFile file = files.get(i);
            String packageName = PACKAGE_ROOT + ".f" + i;
            String kfsPath = KFS_ROOT + packageName.replace('.', '/') + "/rules.drl";
            fileByKfsPath.put(kfsPath, file);
            kfs.write(kfsPath, "package " + packageName + ";\n" + file.canonical());
            Map<String, RuleDeclaration> ids = new HashMap<>();
            file.rules().forEach(d -> ids.put(d.id(), d));
            declared.put(packageName, ids);
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
                problems.add(toProblem(m, fileByKfsPath, declared));
            }
            ks.getRepository().removeKieModule(releaseId);
            return null;
        }
        return new Generated(releaseId, generatedClasses(builder), declared);
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
    private static BuildProblem toProblem(Message m, Map<String, CheckedFile> fileByKfsPath, Map<String, Map<String, RuleDeclaration>> declared) {
        String text = m.getText() == null ? "" : m.getText().trim();
        int canonicalLine = m.getLine();
        // Parser messages carry the exact position in their text ("Line 17:0 mismatched input").
        Matcher exact = PARSER_POSITION.matcher(text);
        if (exact.find() && Integer.parseInt(exact.group(1)) > 0) {
            canonicalLine = Integer.parseInt(exact.group(1));
        }
        // The file Drools read starts with the package line the compiler wrote above the canonical DRL.
        canonicalLine -= HEADER_LINES;
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
        for (Map<String, RuleDeclaration> ids : declared.values()) {
            for (RuleDeclaration d : ids.values()) {
                if (text.contains("\"" + d.id() + "\"") || text.contains("rule " + d.id() + " ")) {
                    return BuildProblem.error(d.file(), d.line(), null, message);
                }
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
}
