package org.knime.core.data;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;

public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {
    public DataTableSpec(final DataColumnSpec... colSpecs) { throw new UnsupportedOperationException(); }

    public DataTableSpec(final String name, final DataColumnSpec... colSpecs) { throw new UnsupportedOperationException(); }

    public boolean containsName(final String columnName) { throw new UnsupportedOperationException(); }

    public int findColumnIndex(final String columnName) { throw new UnsupportedOperationException(); }

    public DataColumnSpec getColumnSpec(final int index) { throw new UnsupportedOperationException(); }

    public DataColumnSpec getColumnSpec(final String column) { throw new UnsupportedOperationException(); }

    public int getNumColumns() { throw new UnsupportedOperationException(); }

    @Override
    public java.util.Iterator<DataColumnSpec> iterator() { throw new UnsupportedOperationException(); }

    @Override
    public JComponent[] getViews() { throw new UnsupportedOperationException(); }
}
