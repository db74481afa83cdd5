package org.knime.core.data.def;

import java.util.Iterator;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

public class DefaultRow implements DataRow {
    public DefaultRow(final RowKey rowKey, final DataCell... row) { throw new UnsupportedOperationException(); }

    public DefaultRow(final RowKey rowKey, final List<DataCell> row) { throw new UnsupportedOperationException(); }

    @Override
    public int getNumCells() { throw new UnsupportedOperationException(); }

    @Override
    public RowKey getKey() { throw new UnsupportedOperationException(); }

    @Override
    public DataCell getCell(final int index) { throw new UnsupportedOperationException(); }

    @Override
    public Iterator<DataCell> iterator() { throw new UnsupportedOperationException(); }
}
