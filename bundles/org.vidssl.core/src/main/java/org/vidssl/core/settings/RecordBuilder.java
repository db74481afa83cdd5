package org.vidssl.core.settings;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A copy of a record with some components changed by name, for settings records without hand-written builders:
 * {@code Records.builder(PretrainSettings.DEFAULTS).set("epochs", 3).build()}. An unknown name or a value of the
 * wrong type fails at once, naming the record's components.
 */
public final class RecordBuilder<R extends Record> {

    private final Class<R> type;
    private final RecordComponent[] components;
    private final Object[] values;

    @SuppressWarnings("unchecked")
    RecordBuilder(R start) {
        type = (Class<R>) start.getClass();
        components = type.getRecordComponents();
        values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = Records.get(start, components[i]);
        }
    }

    /**
     * Sets the component {@code name} to {@code value}: of the component's type, boxed for a primitive (an int is
     * widened to a long or double component as Java widens it).
     *
     * @throws IllegalArgumentException for an unknown name or a value of another type
     */
    public RecordBuilder<R> set(String name, Object value) {
        int i = index(name);
        values[i] = Records.convert(type, components[i], value);
        return this;
    }

    /** The record with the values set; its canonical constructor validates what it validates. */
    public R build() {
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return type.getDeclaredConstructor(types).newInstance(values.clone());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no canonical constructor to call", e);
        }
    }

    private int index(String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no setting '" + name + "': use one of "
                + Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(", ")) + ".");
    }
}
