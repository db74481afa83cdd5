package org.knime.core.data.def;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

public class DefaultRow implements DataRow {
    private final RowKey m_key;

    private final List<DataCell> m_cells;

    public DefaultRow(final RowKey rowKey, final DataCell... row) {
        this(rowKey, List.of(row));
    }

    public DefaultRow(final RowKey rowKey, final List<DataCell> row) {
        m_key = Objects.requireNonNull(rowKey, "Row key must not be null.");
        m_cells = List.copyOf(row); // rejects null cells, as KNIME does
    }

    @Override
    public int getNumCells() {
        return m_cells.size();
    }

    @Override
    public RowKey getKey() {
        return m_key;
    }

    @Override
    public DataCell getCell(final int index) {
        return m_cells.get(index);
    }

    @Override
    public Iterator<DataCell> iterator() {
        return m_cells.iterator();
    }

    @Override
    public String toString() {
        return m_key + ": " + m_cells;
    }
}
