package org.knime.core.data;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.swing.JComponent;
import org.knime.core.node.port.PortObjectSpec;

/** In memory: a name and the column specs; column names are unique. */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {
    private final String m_name;

    private final List<DataColumnSpec> m_columns;

    public DataTableSpec(final DataColumnSpec... colSpecs) {
        this("default", colSpecs);
    }

    public DataTableSpec(final String name, final DataColumnSpec... colSpecs) {
        m_name = name;
        m_columns = List.of(colSpecs);
        for (int i = 0; i < colSpecs.length; i++) {
            if (findColumnIndex(colSpecs[i].getName()) != i) {
                throw new IllegalArgumentException("Duplicate column name: " + colSpecs[i].getName());
            }
        }
    }

    public String getName() {
        return m_name;
    }

    public boolean containsName(final String columnName) {
        return findColumnIndex(columnName) >= 0;
    }

    public int findColumnIndex(final String columnName) {
        for (int i = 0; i < m_columns.size(); i++) {
            if (m_columns.get(i).getName().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public DataColumnSpec getColumnSpec(final int index) {
        return m_columns.get(index);
    }

    public DataColumnSpec getColumnSpec(final String column) {
        int index = findColumnIndex(column);
        return index < 0 ? null : m_columns.get(index);
    }

    public int getNumColumns() {
        return m_columns.size();
    }

    public String[] getColumnNames() {
        return m_columns.stream().map(DataColumnSpec::getName).toArray(String[]::new);
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        return m_columns.iterator();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataTableSpec other && other.m_columns.equals(m_columns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_columns);
    }

    @Override
    public String toString() {
        return m_name + m_columns;
    }
}
