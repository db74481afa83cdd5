package org.knime.core.data.collection;

import org.knime.core.data.DataCell;

public interface ListDataValue extends CollectionDataValue {
    DataCell get(int index);
}
