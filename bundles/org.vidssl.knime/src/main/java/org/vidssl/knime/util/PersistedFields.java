package org.vidssl.knime.util;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields of a {@code NodeParameters} class KNIME's default persistence saves, and under which config key:
 * every non-static, non-private, non-transient field that is not a {@code Void} (text messages and buttons), keyed
 * by its name without the {@code m_} prefix or by {@code @Persist(configKey)}. The example-workflow writer and the
 * settings tests read the rule from here.
 */
public final class PersistedFields {

    private static final String PERSIST = "org.knime.node.parameters.persistence.Persist";

    private PersistedFields() {}

    /** The config key KNIME persists a field under. */
    public static String configKey(Field field) {
        for (Annotation annotation : field.getAnnotations()) {
            if (annotation.annotationType().getName().equals(PERSIST)) {
                String key = configKeyOf(annotation);
                if (key != null && !key.isEmpty()) {
                    return key;
                }
            }
        }
        String name = field.getName();
        return name.startsWith("m_") ? name.substring(2) : name;
    }

    /** The persisted fields of a parameters class (superclass fields first), accessible, keyed by config key. */
    public static Map<String, Field> of(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> c : hierarchy) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers)
                        || Modifier.isPrivate(modifiers)
                        || Modifier.isTransient(modifiers)
                        || field.isSynthetic()
                        || field.getType() == Void.class) {
                    continue; // not persisted by KNIME
                }
                field.setAccessible(true);
                fields.put(configKey(field), field);
            }
        }
        return fields;
    }

    private static String configKeyOf(Annotation persist) {
        try {
            return (String) persist.annotationType().getMethod("configKey").invoke(persist);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
