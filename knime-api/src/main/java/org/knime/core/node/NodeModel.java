package org.knime.core.node;

import org.knime.core.node.port.PortType;

/** In memory: the port types and the warning message; KNIME's framework around it is not modelled. */
public abstract class NodeModel {
    private final PortType[] m_inPortTypes;

    private final PortType[] m_outPortTypes;

    private String m_warningMessage;

    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        m_inPortTypes = inPortTypes == null ? new PortType[0] : inPortTypes.clone();
        m_outPortTypes = outPortTypes == null ? new PortType[0] : outPortTypes.clone();
    }

    public final int getNrInPorts() {
        return m_inPortTypes.length;
    }

    public final int getNrOutPorts() {
        return m_outPortTypes.length;
    }

    protected final void setWarningMessage(final String warningMessage) {
        m_warningMessage = warningMessage;
    }

    protected final String getWarningMessage() {
        return m_warningMessage;
    }
}
