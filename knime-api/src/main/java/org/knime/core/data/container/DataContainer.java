package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowIterator;
import org.knime.core.data.RowKey;

/**
 * In memory: rows are checked as KNIME checks them (cell count, cell types, unique keys) and kept in a list. Open
 * until {@link #close()}; the table exists only after it.
 */
public class DataContainer {
    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows = new ArrayList<>();

    private final Set<RowKey> m_keys = new HashSet<>();

    private boolean m_closed;

    protected DataContainer() {
        this(new DataTableSpec());
    }

    public DataContainer(final DataTableSpec spec) {
        m_spec = spec;
    }

    public void addRowToTable(final DataRow row) {
        if (m_closed) {
            throw new IllegalStateException("Container is closed: no more rows can be added.");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Row " + row.getKey() + " has " + row.getNumCells() + " cells, the "
                    + "table has " + m_spec.getNumColumns() + " columns.");
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            DataCell cell = row.getCell(i);
            Class<? extends DataCell> expected =
                    m_spec.getColumnSpec(i).getType().getCellClass();
            if (!cell.isMissing() && !expected.isInstance(cell)) {
                throw new IllegalArgumentException("Cell " + i + " of row " + row.getKey() + " is a "
                        + cell.getClass().getSimpleName() + ", column '"
                        + m_spec.getColumnSpec(i).getName()
                        + "' holds " + expected.getSimpleName() + ".");
            }
        }
        if (!m_keys.add(row.getKey())) {
            throw new IllegalArgumentException("Duplicate row key: " + row.getKey());
        }
        m_rows.add(row);
    }

    public void close() {
        m_closed = true;
    }

    public DataTable getTable() {
        if (!m_closed) {
            throw new IllegalStateException("Cannot get the table: the container is not closed.");
        }
        List<DataRow> rows = List.copyOf(m_rows);
        return new DataTable() {
            @Override
            public DataTableSpec getDataTableSpec() {
                return m_spec;
            }

            @Override
            public RowIterator iterator() {
                Iterator<DataRow> it = rows.iterator();
                return new RowIterator() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public DataRow next() {
                        return it.next();
                    }
                };
            }
        };
    }
}
