package org.vidssl.workflows;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import org.vidssl.knime.util.PersistedFields;

/**
 * Writes a node's {@code NodeParameters} object as the {@code model} config of its {@code settings.xml}, the way
 * KNIME's default persistence (knime-core-ui) saves it: every non-private, non-static, non-transient field, keyed
 * by its name without the {@code m_} prefix (or {@code @Persist(configKey)}); primitives, boxed primitives and
 * strings as typed entries, enums by constant name, nested parameter classes as sub-configs, primitive arrays as
 * KNIME arrays. A field type or a custom persistor it does not know is an error, so an unsupported setting can
 * never be written wrongly.
 */
final class NodeParametersWriter {

    private static final String PERSISTOR = "org.knime.node.parameters.persistence.Persistor";

    private NodeParametersWriter() {}

    /** Writes every persisted field of {@code parameters} into {@code target}. */
    static void write(Object parameters, KnimeConfig target) {
        for (Map.Entry<String, Field> e :
                PersistedFields.of(parameters.getClass()).entrySet()) {
            Field field = e.getValue();
            if (hasAnnotation(field, PERSISTOR)) {
                throw new IllegalStateException(parameters.getClass().getName() + "." + field.getName()
                        + " has a custom @Persistor: teach NodeParametersWriter its config layout.");
            }
            writeValue(
                    target,
                    e.getKey(),
                    field.getType(),
                    get(field, parameters),
                    parameters.getClass().getSimpleName() + "." + field.getName());
        }
    }

    private static void writeValue(KnimeConfig target, String key, Class<?> type, Object value, String where) {
        if (type == int.class || type == Integer.class) {
            target.addInt(key, (Integer) value);
        } else if (type == long.class || type == Long.class) {
            target.addLong(key, (Long) value);
        } else if (type == double.class || type == Double.class) {
            target.addDouble(key, (Double) value);
        } else if (type == float.class || type == Float.class) {
            target.addFloat(key, (Float) value);
        } else if (type == boolean.class || type == Boolean.class) {
            target.addBoolean(key, (Boolean) value);
        } else if (type == String.class) {
            target.addString(key, (String) value);
        } else if (type.isEnum()) {
            target.addString(key, value == null ? null : ((Enum<?>) value).name());
        } else if (type == int[].class) {
            target.addIntArray(key, (int[]) value);
        } else if (type.isArray() && isParameters(type.getComponentType())) {
            KnimeConfig array = target.addConfig(key);
            Object[] elements = (Object[]) value;
            for (int i = 0; i < elements.length; i++) {
                write(elements[i], array.addConfig(Integer.toString(i)));
            }
        } else if (isParameters(type)) {
            write(value, target.addConfig(key));
        } else {
            throw new IllegalStateException(where + " has type " + type.getName()
                    + ", which NodeParametersWriter does not know how KNIME persists: add it here and in the"
                    + " workflow test.");
        }
    }

    /**
     * A new instance of {@code type} (its defaults) with {@code overrides} applied: keys are config keys, values
     * are assigned to the fields (strings name enum constants).
     *
     * @throws IllegalArgumentException for a key the class does not persist, naming the keys it does
     */
    static <T> T withOverrides(Class<T> type, Map<String, ?> overrides) {
        T parameters = newInstance(type);
        Map<String, Field> fields = PersistedFields.of(type);
        for (Map.Entry<String, ?> o : overrides.entrySet()) {
            Field field = fields.get(o.getKey());
            if (field == null) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no setting '" + o.getKey()
                        + "'; its settings are " + new TreeMap<>(fields).keySet());
            }
            Object value = o.getValue();
            if (field.getType().isEnum() && value instanceof String name) {
                value = enumConstant(field.getType(), name);
            }
            try {
                field.set(parameters, value);
            } catch (IllegalAccessException | IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Cannot set " + type.getSimpleName() + "." + field.getName() + " ("
                                + field.getType().getSimpleName() + ") to " + value + ": " + e.getMessage(),
                        e);
            }
        }
        return parameters;
    }

    static <T> T newInstance(Class<T> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot create " + type.getName() + " with its no-argument constructor, "
                            + "which KNIME needs too: " + e,
                    e);
        }
    }

    private static Object enumConstant(Class<?> enumType, String name) {
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(enumType.getSimpleName() + " has no constant " + name);
    }

    private static boolean isParameters(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().startsWith("org.knime.node.parameters.") || isParameters(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasAnnotation(Field field, String annotationName) {
        for (Annotation annotation : field.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return true;
            }
        }
        return false;
    }

    private static Object get(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
