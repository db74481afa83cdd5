package org.vidssl.core.settings;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The settings a record declares with {@link Setting}, with their defaults from the record's {@code DEFAULTS}
 * constant, and the range checks every record's {@code problems()} starts with.
 */
public final class Settings {

    /**
     * One declared setting.
     *
     * @param name         the record component's name (the CLI option's field and the record builder use it)
     * @param type         the component's type
     * @param declaration  label, description and range
     * @param defaultValue the component's value in the record's {@code DEFAULTS}
     */
    public record Declared(String name, Class<?> type, Setting declaration, Object defaultValue) {

        public String label() {
            return declaration.label();
        }

        public String description() {
            return declaration.description();
        }

        /** True when the setting has a lower or upper bound. */
        public boolean hasRange() {
            return declaration.min() != Double.NEGATIVE_INFINITY || declaration.max() != Double.POSITIVE_INFINITY;
        }

        /** The default as a user writes it: {@code 1e-4}, {@code 45,90,125,160}, {@code res}; "" for none. */
        public String defaultText() {
            return text(defaultValue);
        }

        /** True when {@code value} lies in the declared range (NaN never does). */
        public boolean accepts(double value) {
            Setting s = declaration;
            boolean aboveMin = s.minOpen() ? value > s.min() : value >= s.min();
            boolean belowMax = s.maxOpen() ? value < s.max() : value <= s.max();
            return aboveMin && belowMax;
        }

        /** The message for an out-of-range value: "Epochs is 0: use 1 to 100000 (the paper uses 240)." */
        public String rangeProblem(Object value) {
            Setting s = declaration;
            boolean integral = type == int.class || type == long.class;
            String use;
            if (integral && s.max() != Double.POSITIVE_INFINITY) {
                use = number(s.min()) + " to " + number(s.max());
            } else if (s.max() == Double.POSITIVE_INFINITY) {
                use = (s.minOpen() ? "more than " : "at least ") + number(s.min());
            } else {
                use = (s.minOpen() ? "(" : "[") + number(s.min()) + ", " + number(s.max()) + (s.maxOpen() ? ")" : "]");
            }
            String unit = s.unit().isEmpty() ? "" : " " + s.unit();
            return label() + " is " + value + ": use " + use + unit + hint() + ".";
        }

        /** " (the paper uses 240; note)", " (default 8)" or "" when there is no default to name. */
        public String hint() {
            String d = defaultText();
            String said = d.isEmpty() ? "" : declaration.paper() ? "the paper uses " + d : "default " + d;
            String note = declaration.note();
            if (said.isEmpty() && note.isEmpty()) {
                return "";
            }
            return " (" + said + (said.isEmpty() || note.isEmpty() ? "" : "; ") + note + ")";
        }
    }

    private Settings() {}

    /** The record's {@code public static final DEFAULTS} constant. */
    public static <R extends Record> R defaults(Class<R> type) {
        try {
            Field f = type.getField("DEFAULTS");
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != type) {
                throw new IllegalArgumentException(
                        type.getSimpleName() + ".DEFAULTS is not a static " + type.getSimpleName());
            }
            return type.cast(f.get(null));
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no public static DEFAULTS constant", e);
        }
    }

    /** Every component declared with {@link Setting}, in declaration order, with its default. */
    public static List<Declared> declared(Class<? extends Record> type) {
        Record defaults = defaults(type);
        List<Declared> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Setting s = c.getAnnotation(Setting.class);
            if (s != null) {
                // null while the record's own DEFAULTS is being built (a check run from its initialiser)
                out.add(new Declared(c.getName(), c.getType(), s, defaults == null ? null : Records.get(defaults, c)));
            }
        }
        return out;
    }

    /** The declared setting called {@code name}, if there is one. */
    public static Optional<Declared> find(Class<? extends Record> type, String name) {
        return declared(type).stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The declared setting called {@code name}; fails naming the record when there is none. */
    public static Declared get(Class<? extends Record> type, String name) {
        return find(type, name)
                .orElseThrow(() ->
                        new IllegalArgumentException(type.getSimpleName() + " declares no setting '" + name + "'"));
    }

    /** One message per numeric setting of {@code record} outside its declared range, in declaration order. */
    public static List<String> rangeProblems(Record record) {
        List<String> p = new ArrayList<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Setting s = c.getAnnotation(Setting.class);
            Object value = Records.get(record, c);
            if (s == null || !(value instanceof Number n)) {
                continue;
            }
            Declared d = new Declared(c.getName(), c.getType(), s, null);
            if (d.hasRange() && !d.accepts(n.doubleValue())) {
                p.add(get(record.getClass(), c.getName()).rangeProblem(value));
            }
        }
        return p;
    }

    /**
     * A value as a user writes it: numbers shortest ({@code 1e-4}, {@code 0.01}, {@code 240}), int arrays as
     * {@code 45,90}, ids of enums with an {@code id()} (else the name in lower case with dashes: {@code split-files}),
     * "" for null.
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value.getClass().isArray()) {
            StringJoiner j = new StringJoiner(",");
            for (int i = 0; i < Array.getLength(value); i++) {
                j.add(text(Array.get(value, i)));
            }
            return j.toString();
        }
        if (value instanceof Enum<?> e) {
            try {
                Method id = e.getDeclaringClass().getMethod("id");
                return String.valueOf(id.invoke(e));
            } catch (ReflectiveOperationException noId) {
                return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        }
        return value.toString();
    }

    /** 10 as "10", 0.5 as "0.5", 1e-4 as "1e-4": numbers as they are written in the messages. */
    static String number(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.contains("E") ? s.replace(".0E", "E").replace('E', 'e') : s;
    }
}
