package org.knime.core.data.container;

import java.io.Closeable;
import org.knime.core.data.RowIterator;

public abstract class CloseableRowIterator extends RowIterator implements Closeable {
    protected CloseableRowIterator() {}

    @Override
    public abstract void close();
}
