package org.leadscoring.scoring.ruleset.language;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Prospect;

/**
 * The facts a rule can match, and the properties a condition can read on each: the record's fields and its
 * derived getters ({@code emailDomain}, {@code seniority}, …), read off the classes so a new field is one change.
 */
public enum FactType {
    PROSPECT(Prospect.class),
    ACTIVITY(Activity.class);

    private final Class<?> type;
    private final Map<String, Class<?>> properties;

    FactType(Class<?> type) {
        this.type = type;
        this.properties = propertiesOf(type);
    }

    /** The simple name rules use: {@code Prospect}, {@code Activity}. */
    public String simpleName() {
        return type.getSimpleName();
    }

    public String className() {
        return type.getName();
    }

    /** The properties a condition may read, by name, with their types. */
    public Map<String, Class<?>> properties() {
        return properties;
    }

    /** The fact type a pattern names, by simple or full name. */
    public static Optional<FactType> named(String name) {
        return Arrays.stream(values()).filter(f -> f.simpleName().equals(name) || f.className().equals(name)).findFirst();
    }

    private static Map<String, Class<?>> propertiesOf(Class<?> type) {
        Map<String, Class<?>> properties = new TreeMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            properties.put(component.getName(), component.getType());
        }
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0 || m.getDeclaringClass() != type) {
                continue;
            }
            String name = m.getName();
            if (name.startsWith("get") && name.length() > 3) {
                properties.put(Character.toLowerCase(name.charAt(3)) + name.substring(4), m.getReturnType());
            } else if (name.startsWith("is") && name.length() > 2 && m.getReturnType() == boolean.class) {
                properties.put(Character.toLowerCase(name.charAt(2)) + name.substring(3), boolean.class);
            }
        }
        return java.util.Collections.unmodifiableMap(properties);
    }
}
