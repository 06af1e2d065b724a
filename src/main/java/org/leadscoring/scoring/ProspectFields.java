package org.leadscoring.scoring;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a {@link Prospect}, read off the record itself and named as in JSON ({@code first_name}), so that a
 * field added to {@code Prospect} is known to the mapping, the merges and the field policy without being listed again.
 */
public final class ProspectFields {

    /**
     * One field: its JSON name, Java type, and the label and help a person is shown for it
     * ({@code prospect-fields.properties} beside this class; null where there is none, as for {@code custom}).
     */
    public record Field(String name, Class<?> type, MethodHandle accessor, String label, String help) {

        /** Whether the field is a yes/no (forms tick it). */
        public boolean flag() {
            return type == boolean.class || type == Boolean.class;
        }

        public Object get(Prospect p) {
            try {
                return accessor.invoke(p);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }
    }

    private static final List<Field> ALL;
    private static final Map<String, Field> BY_NAME = new LinkedHashMap<>();
    private static final MethodHandle CONSTRUCTOR;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RecordComponent[] components = Prospect.class.getRecordComponents();
            java.util.Properties words = new java.util.Properties();
            try (java.io.InputStream in = ProspectFields.class.getResourceAsStream("prospect-fields.properties")) {
                words.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            ALL = Arrays.stream(components).map(c -> {
                try {
                    String name = snakeCase(c.getName());
                    return new Field(name, c.getType(), lookup.unreflect(c.getAccessor()), words.getProperty(name + ".label"),
                            words.getProperty(name + ".help"));
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }).toList();
            ALL.forEach(f -> BY_NAME.put(f.name(), f));
            CONSTRUCTOR = lookup.unreflectConstructor(Prospect.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)));
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ProspectFields() {
    }

    /** Every field, in the record's order. */
    public static List<Field> all() {
        return ALL;
    }

    public static Optional<Field> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The prospect with the given fields replaced ({@code values} by JSON name; a value must have the field's type,
     * {@code null} makes it unknown).
     *
     * @throws IllegalArgumentException naming the field, for a name that is not a field or a value of another type
     */
    public static Prospect with(Prospect p, Map<String, ?> values) {
        Object[] args = new Object[ALL.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = ALL.get(i).get(p);
        }
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Field f = BY_NAME.get(e.getKey());
            if (f == null) {
                throw new IllegalArgumentException(e.getKey() + " is not a prospect field");
            }
            Object v = e.getValue();
            if (v == null && f.type().isPrimitive() || v != null && !wrap(f.type()).isInstance(v)) {
                throw new IllegalArgumentException(f.name() + " must be a " + f.type().getSimpleName());
            }
            args[ALL.indexOf(f)] = v;
        }
        try {
            return (Prospect) CONSTRUCTOR.invokeWithArguments(args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> wrap(Class<?> type) {
        return type == boolean.class ? Boolean.class : type;
    }

    static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
