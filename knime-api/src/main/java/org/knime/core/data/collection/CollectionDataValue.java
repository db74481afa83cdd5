package org.knime.core.data.collection;

import org.knime.core.data.DataValue;

public interface CollectionDataValue extends DataValue, CellCollection {
    int size();
}
