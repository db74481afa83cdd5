package org.knime.core.data.collection;

import java.util.ArrayList;
import java.util.Collection;
import org.knime.core.data.DataCell;

public final class CollectionCellFactory {
    private CollectionCellFactory() {}

    public static ListCell createListCell(final Collection<? extends DataCell> coll) {
        return new ListCell(new ArrayList<>(coll));
    }
}
