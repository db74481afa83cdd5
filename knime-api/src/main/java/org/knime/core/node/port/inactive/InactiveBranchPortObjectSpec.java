package org.knime.core.node.port.inactive;

import javax.swing.JComponent;
import org.knime.core.node.port.PortObjectSpec;

public final class InactiveBranchPortObjectSpec implements PortObjectSpec {
    public static final InactiveBranchPortObjectSpec INSTANCE = new InactiveBranchPortObjectSpec();

    private InactiveBranchPortObjectSpec() {}

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
