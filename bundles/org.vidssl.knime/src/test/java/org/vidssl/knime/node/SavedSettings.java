package org.vidssl.knime.node;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.migration.Migrate;
import org.vidssl.knime.util.PersistedFields;

/**
 * Test support: a node's settings saved and loaded as KNIME's default persistence does it. The fields and keys
 * are {@link PersistedFields}' (values as text, enums by constant name); on load a
 * missing key fails, as in KNIME, unless the field is {@code @Migrate(loadDefaultIfAbsent = true)}, which keeps the
 * field's default: the way settings saved before a field existed stay loadable.
 */
public final class SavedSettings {

    private SavedSettings() {}

    /** The saved values by config key, as text. */
    public static Map<String, String> save(final NodeParameters settings) {
        Map<String, String> saved = new LinkedHashMap<>();
        PersistedFields.of(settings.getClass()).forEach((key, f) -> {
            Object value = get(f, settings);
            saved.put(key, value instanceof Enum<?> e ? e.name() : String.valueOf(value));
        });
        return saved;
    }

    /** Settings of {@code type} from saved values; fails on a missing key of a field without a migration. */
    public static <S extends NodeParameters> S load(final Class<S> type, final Map<String, String> saved)
            throws InvalidSettingsException {
        S settings;
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            settings = constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " needs a no-argument constructor", e);
        }
        for (Map.Entry<String, Field> persisted : PersistedFields.of(type).entrySet()) {
            Field f = persisted.getValue();
            String text = saved.get(persisted.getKey());
            if (text == null) {
                Migrate migrate = f.getAnnotation(Migrate.class);
                if (migrate != null && migrate.loadDefaultIfAbsent()) {
                    continue; // the field's default
                }
                throw new InvalidSettingsException("Config for key \"" + persisted.getKey() + "\" not found.");
            }
            try {
                f.set(settings, parse(f.getType(), text));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return settings;
    }

    private static Object get(final Field f, final Object settings) {
        try {
            return f.get(settings);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(final Class<?> type, final String text) {
        if (type == int.class) {
            return Integer.parseInt(text);
        } else if (type == long.class) {
            return Long.parseLong(text);
        } else if (type == double.class) {
            return Double.parseDouble(text);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        } else if (type == String.class) {
            return text;
        } else if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, text);
        }
        throw new IllegalArgumentException("SavedSettings does not know settings of type " + type.getName());
    }
}
