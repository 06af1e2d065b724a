package org.leadscoring.scoring.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule files are code that runs inside the service, so before they are compiled they are checked against an
 * allowlist: they may import and name the fact classes ({@code org.leadscoring.scoring.Prospect},
 * {@code Activity}, {@code Seniority}), the basics of {@code java.lang} ({@code String}, {@code Math}, the number
 * and character types), {@code java.time} and {@code java.util} (not its {@code concurrent} and other sub-packages).
 * Anything else — {@code System}, {@code Runtime}, reflection, threads, files, the network — is refused with the
 * line that names it, and so are loops, which the firing limit cannot stop. Comments and string literals are
 * not code and are not checked.
 */
public final class DrlSafety {

    private static final Set<String> FACT_CLASSES = Set.of("org.leadscoring.scoring.Prospect", "org.leadscoring.scoring.Activity",
            "org.leadscoring.scoring.Seniority");
    private static final Set<String> JAVA_LANG = Set.of("String", "Math", "StrictMath", "Integer", "Long", "Double", "Float", "Short",
            "Byte", "Boolean", "Character", "Number", "CharSequence", "Comparable", "Object");
    /** Names that reach outside the rules' world: each is refused wherever it appears as code. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of("System", "Runtime", "Thread", "ThreadGroup", "ThreadLocal", "Process",
            "ProcessBuilder", "ProcessHandle", "Class", "ClassLoader", "getClass", "forName", "Module", "ModuleLayer", "SecurityManager",
            "Executors", "ExecutorService", "ForkJoinPool", "CompletableFuture", "Timer", "File", "Files", "Path", "Paths",
            "FileInputStream", "FileOutputStream", "RandomAccessFile", "Socket", "ServerSocket", "URL", "URI", "HttpClient",
            "InetAddress", "MethodHandles", "MethodHandle", "Unsafe", "ObjectInputStream", "ScriptEngineManager", "Compiler",
            "setAccessible", "getDeclaredMethod", "getDeclaredField", "getMethod", "newInstance", "StackWalker", "ServiceLoader",
            "InitialContext");
    private static final Set<String> LOOPS = Set.of("while", "for", "do");

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+|function\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;?\\s*$");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b((?:[a-z_][\\w]*\\.)+[A-Z][\\w]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([A-Za-z_][\\w]*)\\b");

    private DrlSafety() {
    }

    /** Everything the file does that the allowlist does not allow, one problem per line and name. */
    public static List<BuildProblem> check(String file, String drl) {
        List<BuildProblem> problems = new ArrayList<>();
        String[] lines = codeOnly(drl).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            Matcher imp = IMPORT.matcher(line);
            if (imp.matches()) {
                String name = imp.group(1);
                if (!allowedImport(name)) {
                    problems.add(BuildProblem.error(file, number, line.indexOf(name) + 1, "Importing " + name
                            + " is not allowed: rules may use the fact classes (Prospect, Activity, Seniority), java.lang basics, java.time and java.util"));
                }
                continue;
            }
            Matcher qualified = QUALIFIED_NAME.matcher(line);
            while (qualified.find()) {
                String name = qualified.group(1);
                if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                        || name.startsWith("com.") || name.startsWith("org.") || name.startsWith("io.") || name.startsWith("net.")) {
                    if (!allowedClass(name)) {
                        problems.add(BuildProblem.error(file, number, qualified.start(1) + 1, name + " is not allowed in rules: they may use the fact"
                                + " classes, java.lang basics, java.time and java.util"));
                    }
                }
            }
            Matcher id = IDENTIFIER.matcher(line);
            while (id.find()) {
                String name = id.group(1);
                if (FORBIDDEN_NAMES.contains(name)) {
                    problems.add(BuildProblem.error(file, number, id.start(1) + 1, name + " is not allowed in rules: they may not reach the"
                            + " system, threads, reflection, files or the network"));
                } else if (LOOPS.contains(name) && !afterDot(line, id.start(1))) {
                    problems.add(BuildProblem.error(file, number, id.start(1) + 1, "Loops (" + name + ") are not allowed in rules: a rule acts"
                            + " once per match, and a loop could run forever"));
                }
            }
        }
        return problems;
    }

    private static boolean afterDot(String line, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(line.charAt(i))) {
            i--;
        }
        return i >= 0 && line.charAt(i) == '.';
    }

    private static boolean allowedImport(String name) {
        if (name.endsWith(".*")) {
            String pkg = name.substring(0, name.length() - 2);
            return pkg.equals("java.util") || pkg.equals("java.time") || pkg.startsWith("java.time.") || allowedClass(pkg);
        }
        if (allowedClass(name)) {
            return true;
        }
        // import static java.lang.Math.max / import function org.leadscoring.scoring.Seniority.of
        int dot = name.lastIndexOf('.');
        return dot > 0 && allowedClass(name.substring(0, dot));
    }

    private static boolean allowedClass(String name) {
        if (FACT_CLASSES.contains(name)) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String pkg = name.substring(0, dot);
        String simple = name.substring(dot + 1);
        if (simple.isEmpty() || !Character.isUpperCase(simple.charAt(0)) || FORBIDDEN_NAMES.contains(simple)) {
            return false;
        }
        return (pkg.equals("java.lang") && JAVA_LANG.contains(simple)) || pkg.equals("java.util") || pkg.equals("java.time")
                || pkg.startsWith("java.time.");
    }

    /**
     * The file with comments and the contents of string literals blanked out, keeping every line break and column,
     * so what is left is code and positions still point into the original.
     */
    static String codeOnly(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        int i = 0;
        int n = drl.length();
        while (i < n) {
            char c = drl.charAt(i);
            if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '/') {
                while (i < n && drl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '*') {
                while (i < n && !(drl.charAt(i) == '*' && i + 1 < n && drl.charAt(i + 1) == '/')) {
                    out.append(drl.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
                if (i < n) {
                    out.append("  ");
                    i += 2;
                }
            } else if (c == '"' || c == '\'') {
                out.append(c);
                i++;
                while (i < n && drl.charAt(i) != c && drl.charAt(i) != '\n') {
                    if (drl.charAt(i) == '\\' && i + 1 < n) {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < n && drl.charAt(i) == c) {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
