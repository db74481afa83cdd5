package org.knime.core.data.collection;

import java.util.Iterator;
import java.util.List;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

public class ListCell extends DataCell implements ListDataValue {
    private static final long serialVersionUID = 1L;

    private final List<DataCell> m_cells;

    ListCell(final List<DataCell> cells) {
        m_cells = List.copyOf(cells);
    }

    public static final DataType getCollectionType(final DataType elementType) {
        return DataType.getType(ListCell.class, elementType);
    }

    @Override
    public DataCell get(final int index) {
        return m_cells.get(index);
    }

    @Override
    public int size() {
        return m_cells.size();
    }

    @Override
    public Iterator<DataCell> iterator() {
        return m_cells.iterator();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ListCell other && other.m_cells.equals(m_cells);
    }

    @Override
    public int hashCode() {
        return m_cells.hashCode();
    }

    @Override
    public String toString() {
        return m_cells.toString();
    }
}
