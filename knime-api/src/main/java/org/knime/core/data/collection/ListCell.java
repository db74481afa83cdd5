package org.knime.core.data.collection;

import java.util.Iterator;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

public class ListCell extends DataCell implements ListDataValue {
    private static final long serialVersionUID = 1L;

    private ListCell() { throw new UnsupportedOperationException(); }

    public static final DataType getCollectionType(final DataType elementType) { throw new UnsupportedOperationException(); }

    @Override
    public DataCell get(final int index) { throw new UnsupportedOperationException(); }

    @Override
    public int size() { throw new UnsupportedOperationException(); }

    @Override
    public Iterator<DataCell> iterator() { throw new UnsupportedOperationException(); }
}
