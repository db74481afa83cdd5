package org.knime.core.node.port;

import java.io.IOException;
import javax.swing.JComponent;

public interface PortObjectSpec {
    JComponent[] getViews();

    abstract static class PortObjectSpecSerializer<T extends PortObjectSpec> {
        protected PortObjectSpecSerializer() {}

        public abstract void savePortObjectSpec(T portObjectSpec, PortObjectSpecZipOutputStream out) throws IOException;

        public abstract T loadPortObjectSpec(PortObjectSpecZipInputStream in) throws IOException;
    }
}
