package org.knime.core.node;

import org.knime.core.data.container.DataContainer;

public class BufferedDataContainer extends DataContainer {
    private BufferedDataContainer() { throw new UnsupportedOperationException(); }

    @Override
    public BufferedDataTable getTable() { throw new UnsupportedOperationException(); }
}
