package org.knime.core.node;

import org.knime.core.node.port.PortType;

public abstract class NodeModel {
    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) { throw new UnsupportedOperationException(); }

    protected final void setWarningMessage(final String warningMessage) { throw new UnsupportedOperationException(); }
}
