package org.vidssl.knime.port;

import java.lang.reflect.Constructor;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * Port specs saved and loaded the way KNIME does it (the spec's own {@code save} into a model content, a new
 * instance filled by {@code load}), with the model content a plain map. The declarations of KNIME's base class
 * cannot be constructed outside KNIME, so the instance is allocated without running constructors, as KNIME's
 * loader would hand {@code load} an empty spec.
 */
public final class SpecContents {

    private SpecContents() {}

    /** What {@code spec} saves. */
    public static Map<String, Object> save(final AbstractSimplePortObjectSpec spec) {
        MapContent content = new MapContent();
        if (spec instanceof VideoModelPortObjectSpec model) {
            model.save(content);
        } else {
            ((ClipPipelinePortObjectSpec) spec).save(content);
        }
        return content.m_values;
    }

    /** A new spec of {@code type} loaded from {@code values}. */
    public static <T extends AbstractSimplePortObjectSpec> T load(final Class<T> type, final Map<String, Object> values)
            throws InvalidSettingsException {
        T spec = allocate(type);
        MapContent content = new MapContent();
        content.m_values.putAll(values);
        if (spec instanceof VideoModelPortObjectSpec model) {
            model.load(content);
        } else {
            ((ClipPipelinePortObjectSpec) spec).load(content);
        }
        return spec;
    }

    /** {@code spec} saved and loaded into a new instance. */
    @SuppressWarnings("unchecked")
    public static <T extends AbstractSimplePortObjectSpec> T roundTrip(final T spec) throws InvalidSettingsException {
        return load((Class<T>) spec.getClass(), save(spec));
    }

    private static <T> T allocate(final Class<T> type) {
        try {
            // sun.reflect.ReflectionFactory (jdk.unsupported): an instance with no constructor of the class run
            Class<?> factoryClass = Class.forName("sun.reflect.ReflectionFactory");
            Object factory = factoryClass.getMethod("getReflectionFactory").invoke(null);
            Constructor<?> constructor = (Constructor<?>) factoryClass
                    .getMethod("newConstructorForSerialization", Class.class, Constructor.class)
                    .invoke(factory, type, Object.class.getDeclaredConstructor());
            return type.cast(constructor.newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot allocate " + type.getName() + ": " + e, e);
        }
    }

    /** A model content as a map of keys to values. */
    private static final class MapContent implements ModelContentRO, ModelContentWO {

        private final Map<String, Object> m_values = new LinkedHashMap<>();

        private Object get(final String key) {
            if (!m_values.containsKey(key)) {
                throw new NoSuchElementException("No entry '" + key + "' in " + m_values.keySet());
            }
            return m_values.get(key);
        }

        @Override
        public int getInt(final String key) {
            return (Integer) get(key);
        }

        @Override
        public int getInt(final String key, final int def) {
            return m_values.containsKey(key) ? getInt(key) : def;
        }

        @Override
        public double getDouble(final String key) {
            return (Double) get(key);
        }

        @Override
        public long getLong(final String key) {
            return (Long) get(key);
        }

        @Override
        public String getString(final String key) {
            return (String) get(key);
        }

        @Override
        public String getString(final String key, final String def) {
            return m_values.containsKey(key) ? getString(key) : def;
        }

        @Override
        public boolean getBoolean(final String key) {
            return (Boolean) get(key);
        }

        @Override
        public String[] getStringArray(final String key) {
            return ((String[]) get(key)).clone();
        }

        @Override
        public Iterator<String> iterator() {
            return m_values.keySet().iterator();
        }

        @Override
        public void addInt(final String key, final int value) {
            m_values.put(key, value);
        }

        @Override
        public void addDouble(final String key, final double value) {
            m_values.put(key, value);
        }

        @Override
        public void addLong(final String key, final long value) {
            m_values.put(key, value);
        }

        @Override
        public void addString(final String key, final String value) {
            m_values.put(key, value);
        }

        @Override
        public void addBoolean(final String key, final boolean value) {
            m_values.put(key, value);
        }

        @Override
        public void addStringArray(final String key, final String... values) {
            m_values.put(key, values.clone());
        }
    }
}
