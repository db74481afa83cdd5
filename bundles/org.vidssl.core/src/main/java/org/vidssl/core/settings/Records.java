package org.vidssl.core.settings;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Generic operations on records by their components, so settings records need no hand-written builder, equals,
 * hashCode or toString: arrays are compared and printed by content, everything else as the record does.
 */
public final class Records {

    private Records() {}

    /** A builder starting from {@code start}: {@code Records.builder(DEFAULTS).set("epochs", 3).build()}. */
    public static <R extends Record> RecordBuilder<R> builder(R start) {
        return new RecordBuilder<>(start);
    }

    /** {@code record} with one component changed; see {@link RecordBuilder#set}. */
    public static <R extends Record> R with(R record, String name, Object value) {
        return builder(record).set(name, value).build();
    }

    /** Every component's value by name, in declaration order (arrays as the accessor returns them). */
    public static Map<String, Object> values(Record record) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            m.put(c.getName(), get(record, c));
        }
        return m;
    }

    /** Component-wise equality, arrays by content: the {@code equals} of a record with array components. */
    public static boolean equal(Record a, Object b) {
        if (a == b) {
            return true;
        }
        if (b == null || a.getClass() != b.getClass()) {
            return false;
        }
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            if (!Objects.deepEquals(get(a, c), get((Record) b, c))) {
                return false;
            }
        }
        return true;
    }

    /** The hash code that goes with {@link #equal}. */
    public static int hash(Record record) {
        return Arrays.deepHashCode(values(record).values().toArray());
    }

    /** {@code Name[a=1, b=[1, 2]]}: a record's usual text with arrays by content. */
    public static String toString(Record record) {
        return toString(record.getClass().getSimpleName(), values(record));
    }

    /** {@code name[key=value, ...]} with arrays by content. */
    public static String toString(String name, Map<String, ?> values) {
        StringJoiner j = new StringJoiner(", ", name + "[", "]");
        values.forEach((k, v) -> j.add(k + "=" + text(v)));
        return j.toString();
    }

    /** A value as {@link #toString(Record)} writes it: arrays by content. */
    public static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < Array.getLength(value); i++) {
                j.add(text(Array.get(value, i)));
            }
            return j.toString();
        }
        return String.valueOf(value);
    }

    static Object get(Record record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(
                    record.getClass().getSimpleName() + "." + c.getName()
                            + " cannot be read: the record must be public",
                    e);
        }
    }

    /** {@code value} as the component's type, widening numbers as Java does; fails naming both types. */
    static Object convert(Class<?> record, RecordComponent c, Object value) {
        Class<?> t = c.getType();
        if (value == null) {
            if (t.isPrimitive()) {
                throw new IllegalArgumentException(record.getSimpleName() + "." + c.getName() + " is a "
                        + t.getSimpleName() + ": it cannot be null.");
            }
            return null;
        }
        Class<?> boxed = boxed(t);
        if (boxed.isInstance(value)) {
            return value;
        }
        if ((t == long.class || t == double.class) && (value instanceof Integer || value instanceof Short)) {
            Number n = (Number) value;
            return t == long.class ? (Object) n.longValue() : (Object) n.doubleValue();
        }
        if (t == double.class && (value instanceof Long || value instanceof Float)) {
            return ((Number) value).doubleValue();
        }
        throw new IllegalArgumentException(record.getSimpleName() + "." + c.getName() + " is a " + t.getSimpleName()
                + ", not a " + value.getClass().getSimpleName() + " (" + text(value) + ").");
    }

    private static Class<?> boxed(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return Array.get(Array.newInstance(t, 1), 0).getClass();
    }
}
