package org.knime.core.node.port.inactive;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;

public final class InactiveBranchPortObjectSpec implements PortObjectSpec {
    public static final InactiveBranchPortObjectSpec INSTANCE = null;

    private InactiveBranchPortObjectSpec() { throw new UnsupportedOperationException(); }

    @Override
    public JComponent[] getViews() { throw new UnsupportedOperationException(); }
}
