package org.vidssl.knime.util;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of an output table as plain Java: a name, a kind and how each value is taken from an engine
 * record. Node models turn it into a KNIME spec and cells with {@link VideoTable#spec(String, RowLayout)} and
 * {@link VideoTable#cells(RowLayout, Object)}; tests check the conversion without KNIME.
 *
 * @param <T> the engine record one row shows
 */
public final class RowLayout<T> {

    /** The KNIME cell type a column gets. */
    public enum Kind {
        INT,
        DOUBLE,
        STRING,
        BOOLEAN
    }

    /** One column: its value for a record is an Integer, Double, String or Boolean as the kind says (null: missing). */
    public record Column<T>(String name, Kind kind, Function<T, Object> value) {}

    private final List<Column<T>> m_columns = new ArrayList<>();

    public RowLayout<T> add(final String name, final Kind kind, final Function<T, Object> value) {
        m_columns.add(new Column<>(name, kind, value));
        return this;
    }

    public List<Column<T>> columns() {
        return List.copyOf(m_columns);
    }

    public List<String> names() {
        return m_columns.stream().map(Column::name).toList();
    }

    /** The values of one row, in column order. */
    public Object[] values(final T row) {
        Object[] values = new Object[m_columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = m_columns.get(i).value().apply(row);
        }
        return values;
    }
}
