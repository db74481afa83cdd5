package org.knime.core.node;

import java.io.IOException;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.filestore.FileStore;

public class ExecutionContext extends ExecutionMonitor {
    private ExecutionContext() { throw new UnsupportedOperationException(); }

    public FileStore createFileStore(final String relativePath) throws IOException { throw new UnsupportedOperationException(); }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec) { throw new UnsupportedOperationException(); }

    public ExecutionContext createSubExecutionContext(final double maxProg) { throw new UnsupportedOperationException(); }
}
