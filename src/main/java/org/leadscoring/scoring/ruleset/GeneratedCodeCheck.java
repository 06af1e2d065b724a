package org.leadscoring.scoring.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The second line behind the rule language: reads the bytecode Drools generated from the canonical DRL, before any
 * of it is loaded, and refuses it unless every class, field, method and instruction in it is one that code generated
 * from the rule language has — an exact list ({@code generated-code-allowlist.txt} beside this class), derived by
 * compiling every construct the rule language has and reviewed. It never reads the rule text, so a gap in the
 * language check cannot become a way to reach files, processes, reflection, configuration or the network, nor to
 * loop or allocate.
 *
 * <p>Each thing the generated code does is written as one entry:
 * <ul>
 * <li>{@code class S extends T implements I…}, {@code field S.name:D}, {@code method S.name(D)R}: what it declares;</li>
 * <li>{@code call O.name(D)R}, {@code get O.name:D}, {@code put O.name:D}: a method or field of the platform,
 * Drools or the facts, with its exact descriptor;</li>
 * <li>{@code S.m(D)R -> call S2.name(D)R} (and {@code get}/{@code put}): one generated method reaching another, so
 * generated code only calls itself in the shapes Drools writes (no recursion, no helper of its own);</li>
 * <li>{@code new T}, {@code anewarray T}, {@code checkcast T}, {@code instanceof T}, {@code class-literal T},
 * {@code indy O.name(D)R}, {@code handle …}: the other instructions that name a type or a method.</li>
 * </ul>
 * Generated names are written as shapes: {@code ~/} for a rule file's package, {@code #} for Drools' hashes and
 * numbers. Besides the list, jumps backwards (loops), exception handlers, monitors, arrays of primitives, arrays of
 * more than {@value #MAX_ARRAY} elements and arrays whose size is neither written in the code nor another array's
 * length are refused whatever the list says.
 * <p>Longer than ~300 lines on purpose: it is a security boundary (what code generated from a rule file may do),
 * reviewed as a whole, so the reading of the bytecode and every check on it stay in one file.
 */
final class GeneratedCodeCheck {

    /** The reviewed list: every entry code generated from the rule language has. */
    static final String ALLOWLIST = "generated-code-allowlist.txt";
    /** The largest array generated code may make (Drools lists a package's rules in one). */
    static final int MAX_ARRAY = 10_000;

    private static final Set<String> ALLOWED = readAllowlist();

    private static final Pattern RULE_PACKAGE = Pattern.compile("rules/f\\d+/(P[0-9A-F]{1,2}/)?");
    private static final Pattern HASH = Pattern.compile("[0-9A-F]{32}");
    private static final Pattern NUMBERED = Pattern.compile("(#Rules|RuleMethods|rule_r)\\d+");
    private static final Pattern PROJECT_MODEL = Pattern.compile("ProjectModel_[A-Za-z0-9_]+");

    private GeneratedCodeCheck() {
    }

    /**
     * What the generated classes do outside the allowlist, one entry each (see the class comment); empty when they
     * keep to it.
     *
     * @param classes the bytecode of every class generated for one build, by internal name
     */
    static Set<String> disallowed(Map<String, byte[]> classes) {
        Set<String> found = new TreeSet<>();
        for (String entry : entries(classes)) {
            if (!ALLOWED.contains(entry)) {
                found.add(entry);
            }
        }
        return found;
    }

    /** Every entry the generated classes make: what {@link #disallowed} compares with the list, and what derives it. */
    static Set<String> entries(Map<String, byte[]> classes) {
        Set<String> entries = new TreeSet<>();
        for (byte[] bytes : classes.values()) {
            new ClassReader(bytes).accept(new Reader(classes.keySet(), entries), ClassReader.SKIP_DEBUG);
        }
        return entries;
    }

    /** A generated name as a shape: the rule file's package, hashes and numbers replaced. */
    static String shape(String name) {
        String s = RULE_PACKAGE.matcher(name).replaceAll("~/");
        s = HASH.matcher(s).replaceAll("#");
        s = NUMBERED.matcher(s).replaceAll("$1#");
        return PROJECT_MODEL.matcher(s).replaceAll("ProjectModel_#");
    }

    private static Set<String> readAllowlist() {
        try (InputStream in = GeneratedCodeCheck.class.getResourceAsStream(ALLOWLIST)) {
            if (in == null) {
                throw new IllegalStateException(ALLOWLIST + " is missing: nothing generated could be loaded");
            }
            Set<String> entries = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(line.strip());
                }
            }
            return Set.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one class into entries. */
    private static final class Reader extends ClassVisitor {
        private final Set<String> own;
        private final Set<String> entries;
        private String owner;

        Reader(Set<String> own, Set<String> entries) {
            super(Opcodes.ASM9);
            this.own = own;
            this.entries = entries;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
            StringBuilder entry = new StringBuilder("class ").append(shape(name));
            if (superName != null) {
                entry.append(" extends ").append(shape(superName));
            }
            if (interfaces.length > 0) {
                entry.append(" implements");
                for (String i : interfaces) {
                    entry.append(' ').append(shape(i));
                }
            }
            entries.add(entry.toString());
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            entries.add("field " + shape(owner) + "." + name + ":" + shape(descriptor));
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            String method = shape(owner) + "." + shape(name) + shape(descriptor);
            entries.add("method " + method);
            return new Body(method);
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            // Nested classes are generated classes of their own and read as such.
        }

        /** Reads one method's instructions. */
        private final class Body extends MethodVisitor {
            private final String method;
            private final Set<Label> passed = new HashSet<>();
            /** What bounds the int on top of the stack: a number written in the code, or 0 for another array's length. */
            private Integer lastConstant;

            Body(String method) {
                super(Opcodes.ASM9);
                this.method = method;
            }

            private void add(String entry) {
                entries.add(entry);
                lastConstant = null;
            }

            /** A reference to a member: exact for the platform's, Drools' and the facts'; with its caller for a generated one. */
            private void member(String kind, String memberOwner, String name, String descriptor, boolean field) {
                String target = kind + " " + shape(memberOwner) + "." + shape(name) + (field ? ":" : "") + shape(descriptor);
                add(own.contains(elementOf(memberOwner)) ? method + " -> " + target : target);
            }

            @Override
            public void visitMethodInsn(int opcode, String memberOwner, String name, String descriptor, boolean isInterface) {
                member("call", memberOwner, name, descriptor, false);
            }

            @Override
            public void visitFieldInsn(int opcode, String memberOwner, String name, String descriptor) {
                member(opcode == Opcodes.GETSTATIC || opcode == Opcodes.GETFIELD ? "get" : "put", memberOwner, name, descriptor, true);
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                Integer size = lastConstant;
                String kind = switch (opcode) {
                    case Opcodes.NEW -> "new";
                    case Opcodes.ANEWARRAY -> "anewarray";
                    case Opcodes.CHECKCAST -> "checkcast";
                    default -> "instanceof";
                };
                add(kind + " " + shape(type));
                if (opcode == Opcodes.ANEWARRAY && (size == null || size < 0 || size > MAX_ARRAY)) {
                    add("refused: an array whose size is not a number up to " + MAX_ARRAY + " written in the code, in " + method);
                }
            }

            @Override
            public void visitIntInsn(int opcode, int operand) {
                if (opcode == Opcodes.NEWARRAY) {
                    add("refused: an array of primitives, in " + method);
                } else {
                    lastConstant = operand;
                }
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
                    lastConstant = opcode - Opcodes.ICONST_0;
                    return;
                }
                if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
                    add("refused: a monitor, in " + method);
                    return;
                }
                if (opcode == Opcodes.ARRAYLENGTH) {
                    // A copy of an array that exists (an enum's values()) is as large as that array, no larger.
                    lastConstant = 0;
                } else if (opcode != Opcodes.DUP) {
                    lastConstant = null;
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof Type t) {
                    add("class-literal " + shape(t.getDescriptor()));
                } else if (value instanceof Handle h) {
                    handle(h);
                } else if (value instanceof ConstantDynamic) {
                    add("refused: a dynamic constant, in " + method);
                } else {
                    lastConstant = value instanceof Integer i ? i : null;
                }
            }

            private void handle(Handle h) {
                member("handle", h.getOwner(), h.getName(), h.getDesc(), h.getTag() <= Opcodes.H_PUTSTATIC);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                add("indy " + shape(bootstrap.getOwner()) + "." + bootstrap.getName() + shape(bootstrap.getDesc()));
                for (Object argument : arguments) {
                    if (argument instanceof Handle h) {
                        handle(h);
                    } else if (argument instanceof ConstantDynamic) {
                        add("refused: a dynamic constant, in " + method);
                    }
                }
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
                add("refused: a multi-dimensional array, in " + method);
            }

            @Override
            public void visitLabel(Label label) {
                passed.add(label);
            }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                backwards(label);
                lastConstant = null;
            }

            @Override
            public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                backwards(dflt);
                for (Label l : labels) {
                    backwards(l);
                }
            }

            @Override
            public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                backwards(dflt);
                for (Label l : labels) {
                    backwards(l);
                }
            }

            private void backwards(Label target) {
                if (passed.contains(target)) {
                    add("refused: a jump backwards (a loop), in " + method);
                }
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                add("refused: an exception handler, in " + method);
            }

            @Override
            public void visitVarInsn(int opcode, int varIndex) {
                if (opcode != Opcodes.ISTORE) {
                    lastConstant = null;
                }
            }
        }
    }

    /** The class an internal name or array descriptor is about. */
    private static String elementOf(String internalName) {
        String name = internalName;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        return name.startsWith("L") && name.endsWith(";") ? name.substring(1, name.length() - 1) : name;
    }
}
