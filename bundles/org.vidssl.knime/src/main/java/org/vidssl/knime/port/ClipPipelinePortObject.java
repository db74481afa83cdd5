package org.vidssl.knime.port;

import java.util.Objects;
import javax.swing.JComponent;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.vidssl.core.clip.ClipSettings;

/** How clips are cut, cropped and augmented, and which second view and intra-negative pretraining uses. */
public final class ClipPipelinePortObject extends AbstractSimplePortObject {

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends AbstractSimplePortObjectSerializer<ClipPipelinePortObject> {}

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(ClipPipelinePortObject.class);

    private ClipPipelinePortObjectSpec m_spec;

    /** For the framework's loader only. */
    public ClipPipelinePortObject() {}

    public ClipPipelinePortObject(final ClipPipelinePortObjectSpec spec) {
        m_spec = spec;
    }

    public ClipSettings settings() {
        return m_spec.settings();
    }

    @Override
    public String getSummary() {
        return m_spec.summary();
    }

    @Override
    public ClipPipelinePortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    protected void save(final ModelContentWO model, final ExecutionMonitor exec) {
        // everything lives in the spec, which KNIME saves next to the object
    }

    @Override
    protected void load(final ModelContentRO model, final PortObjectSpec spec, final ExecutionMonitor exec) {
        m_spec = (ClipPipelinePortObjectSpec) spec;
    }

    @Override
    public JComponent[] getViews() {
        return m_spec.getViews();
    }

    @Override
    public boolean equals(final Object o) {
        // the spec is null until the framework's loader has run
        return o instanceof ClipPipelinePortObject other && Objects.equals(other.m_spec, m_spec);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(m_spec);
    }
}
