package org.knime.core.webui.node.impl;

import java.util.ArrayList;
import java.util.List;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortType;
import org.knime.node.parameters.NodeParameters;

/** In memory: keeps the name and the port types; descriptions are accepted and not kept. */
@Deprecated(since = "5.6")
public final class WebUINodeConfiguration {
    private final String m_name;

    private final PortType[] m_inputPortTypes;

    private final PortType[] m_outputPortTypes;

    private WebUINodeConfiguration(final String name, final List<PortType> in, final List<PortType> out) {
        m_name = name;
        m_inputPortTypes = in.toArray(PortType[]::new);
        m_outputPortTypes = out.toArray(PortType[]::new);
    }

    public static Builder builder() {
        return new Builder();
    }

    String getName() {
        return m_name;
    }

    PortType[] getInputPortTypes() {
        return m_inputPortTypes.clone();
    }

    PortType[] getOutputPortTypes() {
        return m_outputPortTypes.clone();
    }

    public static final class Builder {
        private Builder() {}

        public RequireIcon name(final String name) {
            return icon -> shortDescription -> fullDescription -> modelSettingsClass -> new NodeOptionals(name);
        }
    }

    @FunctionalInterface
    public interface RequireIcon {
        RequireShortDescription icon(String icon);
    }

    @FunctionalInterface
    public interface RequireShortDescription {
        RequireFullDescription shortDescription(String shortDescription);
    }

    @FunctionalInterface
    public interface RequireFullDescription {
        RequireModelSettingsClass fullDescription(String fullDescription);
    }

    @FunctionalInterface
    public interface RequireModelSettingsClass {
        NodeOptionals modelSettingsClass(Class<? extends NodeParameters> modelSettingsClass);
    }

    public static final class NodeOptionals {
        private final String m_name;

        private final List<PortType> m_in = new ArrayList<>();

        private final List<PortType> m_out = new ArrayList<>();

        private NodeOptionals(final String name) {
            m_name = name;
        }

        public NodeOptionals addInputTable(final String name, final String description) {
            m_in.add(BufferedDataTable.TYPE);
            return this;
        }

        public NodeOptionals addInputPort(final String name, final PortType type, final String description) {
            m_in.add(type);
            return this;
        }

        public NodeOptionals addOutputTable(final String name, final String description) {
            m_out.add(BufferedDataTable.TYPE);
            return this;
        }

        public NodeOptionals addOutputPort(final String name, final PortType type, final String description) {
            m_out.add(type);
            return this;
        }

        public NodeOptionals keywords(final String... keywords) {
            return this;
        }

        public NodeOptionals sinceVersion(final int major, final int minor, final int revision) {
            return this;
        }

        public NodeOptionals addExternalResource(final String href, final String description) {
            return this;
        }

        public WebUINodeConfiguration build() {
            return new WebUINodeConfiguration(m_name, m_in, m_out);
        }
    }
}
