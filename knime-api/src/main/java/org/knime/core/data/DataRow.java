package org.knime.core.data;

public interface DataRow extends Iterable<DataCell> {
    int getNumCells();

    RowKey getKey();

    DataCell getCell(int index);
}
