package org.knime.core.data.collection;

import org.knime.core.data.DataCell;

public interface CellCollection extends Iterable<DataCell> {}
