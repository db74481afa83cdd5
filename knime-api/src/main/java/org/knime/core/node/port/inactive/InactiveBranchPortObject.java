package org.knime.core.node.port.inactive;

import javax.swing.JComponent;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

public final class InactiveBranchPortObject implements PortObject {
    public static final InactiveBranchPortObject INSTANCE = new InactiveBranchPortObject();

    private InactiveBranchPortObject() {}

    @Override
    public String getSummary() {
        return "Inactive branch object";
    }

    @Override
    public PortObjectSpec getSpec() {
        return InactiveBranchPortObjectSpec.INSTANCE;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
