package org.knime.core.node.port;

import java.io.IOException;
import javax.swing.JComponent;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

public interface PortObject {
    String getSummary();

    PortObjectSpec getSpec();

    JComponent[] getViews();

    abstract static class PortObjectSerializer<T extends PortObject> {
        protected PortObjectSerializer() {}

        public abstract void savePortObject(T portObject, PortObjectZipOutputStream out, ExecutionMonitor exec)
                throws IOException, CanceledExecutionException;

        public abstract T loadPortObject(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
                throws IOException, CanceledExecutionException;
    }
}
