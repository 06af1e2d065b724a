package org.leadscoring.scoring.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The second line behind the rule language: reads the bytecode Drools generated from the canonical DRL and
 * refuses it when any class references a type, method or field outside an allowlist — the fact classes, the
 * Drools model API the executable model is written in, and pure parts of {@code java.lang}, {@code java.util},
 * {@code java.time} and {@code java.math}. It never reads the rule text, so a gap in the language check cannot
 * become a way to reach files, processes, reflection, configuration or the network.
 */
final class GeneratedCodeCheck {

    /** Types generated code may mention at all (in signatures, class literals, casts). */
    private static final Predicate<String> TYPES = anyOf(
            "java/lang/(Object|String|Boolean|Integer|Long|Double|Float|Short|Byte|Character|Number|Enum|Class|Comparable|CharSequence"
                    + "|Iterable|Void|Math|System|Throwable|Exception|RuntimeException|IllegalArgumentException|IllegalStateException"
                    + "|UnsupportedOperationException|NullPointerException|ArithmeticException|NoSuchFieldError|ClassCastException)",
            "java/lang/invoke/(CallSite|MethodHandle|MethodHandles|MethodHandles\\$Lookup|MethodType|StringConcatFactory|LambdaMetafactory)",
            "java/io/Serializable",
            "java/util/[A-Za-z$]+", "java/util/function/[A-Za-z$]+", "java/util/regex/Pattern",
            "java/time/.+", "java/math/(BigDecimal|BigInteger|RoundingMode|MathContext)",
            "org/drools/model/.+", "org/drools/modelcompiler/.+", "org/drools/project/model/.+",
            "org/drools/util/DateUtils", "org/drools/compiler/kie/builder/MaterializedLambda",
            "org/kie/api/.+", "org/kie/util/maven/support/ReleaseIdImpl",
            "org/leadscoring/scoring/(Prospect|Activity|Seniority)", "org/leadscoring/scoring/ruleset/language/LinearMatches");

    /** Methods and fields generated code may use, as {@code owner.name}. */
    private static final Predicate<String> MEMBERS = anyOf(
            "java/lang/Object\\.(<init>|equals|hashCode|toString)",
            "java/lang/String\\.(equals|hashCode|valueOf|length|compareTo|toString)",
            "java/lang/(Boolean|Integer|Long|Double|Float|Short|Byte|Character|Number)\\.(valueOf|TYPE|compare|equals|hashCode|toString"
                    + "|[a-z]+Value)",
            "java/lang/Enum\\.(<init>|valueOf|name|ordinal|equals|hashCode)",
            "java/lang/(Throwable|Exception|RuntimeException|IllegalArgumentException|IllegalStateException"
                    + "|UnsupportedOperationException|NullPointerException|NoSuchFieldError)\\.<init>",
            "java/lang/Math\\.[a-zA-Z]+", "java/lang/System\\.arraycopy",
            "java/lang/invoke/StringConcatFactory\\.makeConcatWithConstants", "java/lang/invoke/LambdaMetafactory\\.(metafactory|altMetafactory)",
            "java/util/(Arrays|Collections|List|Map|Set|Collection|Objects|Locale|ArrayList|HashMap|HashSet|LinkedHashMap|Optional"
                    + "|Iterator|Map\\$Entry)\\..+",
            "java/util/function/[A-Za-z$]+\\..+", "java/time/.+", "java/math/(BigDecimal|BigInteger|RoundingMode|MathContext)\\..+",
            "org/drools/model/.+", "org/drools/modelcompiler/.+", "org/drools/project/model/.+", "org/drools/util/DateUtils\\..+",
            "org/kie/api/KieServices\\.(get|newKieModuleModel)", "org/kie/api/builder/model/.+", "org/kie/api/conf/.+",
            "org/kie/api/runtime/conf/.+", "org/kie/util/maven/support/ReleaseIdImpl\\.<init>",
            "org/leadscoring/scoring/(Prospect|Activity|Seniority)\\..+", "org/leadscoring/scoring/ruleset/language/LinearMatches\\..+");

    private GeneratedCodeCheck() {
    }

    /**
     * What the generated classes reference outside the allowlist, as {@code owner.name} or a type name; empty
     * when they keep to it.
     *
     * @param classes the bytecode of every class generated for one build, by internal name
     */
    static Set<String> disallowed(java.util.Map<String, byte[]> classes) {
        Set<String> own = classes.keySet();
        Set<String> found = new TreeSet<>();
        Remapper collector = new Remapper() {
            @Override
            public String map(String internalName) {
                String element = elementOf(internalName);
                if (element != null && !own.contains(element) && !TYPES.test(element)) {
                    found.add(element.replace('/', '.'));
                }
                return internalName;
            }

            @Override
            public String mapMethodName(String owner, String name, String descriptor) {
                member(owner, name);
                return name;
            }

            @Override
            public String mapFieldName(String owner, String name, String descriptor) {
                member(owner, name);
                return name;
            }

            private void member(String owner, String name) {
                boolean allowed = owner.startsWith("[") ? name.equals("clone") && map(owner) != null
                        : own.contains(owner) || MEMBERS.test(owner + "." + name);
                if (!allowed) {
                    found.add(owner.replace('/', '.') + "." + name);
                }
            }
        };
        for (byte[] bytes : classes.values()) {
            // The remapper only walks what its delegate visits: a class writer visits every method body.
            new ClassReader(bytes).accept(new ClassRemapper(new ClassWriter(0), collector), ClassReader.SKIP_DEBUG);
        }
        return found;
    }

    /** The class an internal name or array descriptor is about; null for arrays of primitives. */
    private static String elementOf(String internalName) {
        String name = internalName;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.length() == internalName.length()) {
            return name;
        }
        return name.startsWith("L") && name.endsWith(";") ? name.substring(1, name.length() - 1) : null;
    }

    private static Predicate<String> anyOf(String... patterns) {
        List<Pattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            compiled.add(Pattern.compile(p));
        }
        return name -> compiled.stream().anyMatch(p -> p.matcher(name).matches());
    }
}
