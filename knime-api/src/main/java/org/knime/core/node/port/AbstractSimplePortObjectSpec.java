package org.knime.core.node.port;

import java.io.IOException;
import javax.swing.JComponent;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {
    public AbstractSimplePortObjectSpec() {}

    protected abstract void save(ModelContentWO model);

    protected abstract void load(ModelContentRO model) throws InvalidSettingsException;

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    public abstract static class AbstractSimplePortObjectSpecSerializer<T extends AbstractSimplePortObjectSpec>
            extends PortObjectSpecSerializer<T> {
        protected AbstractSimplePortObjectSpecSerializer() {}

        @Override
        public T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public void savePortObjectSpec(final T portObject, final PortObjectSpecZipOutputStream out) throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}
