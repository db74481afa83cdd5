package org.vidssl.knime.util;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.knime.core.node.port.PortType;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.node.parameters.NodeParameters;

/**
 * What a node factory declares to KNIME (name, icon, descriptions, settings class, ports, keywords), kept as plain
 * values. KNIME builds the node description from them and parses every description as XHTML; a
 * {@link WebUINodeConfiguration} cannot be read back, so the factories keep these texts and build the configuration
 * from them, and a test builds each description as KNIME does. Port types are suppliers: they are only looked up
 * when KNIME creates the node.
 *
 * @param inputs  input ports in order; a table's type is null
 * @param outputs output ports in order; a table's type is null
 */
public record NodeDescriptionTexts(
        String name,
        String icon,
        String shortDescription,
        String fullDescription,
        Class<? extends NodeParameters> settingsClass,
        List<Port> inputs,
        List<Port> outputs,
        List<String> keywords) {

    /** One port; {@code type} is null for a data table. */
    public record Port(String name, Supplier<PortType> type, String description) {}

    public static Builder builder() {
        return new Builder();
    }

    /** KNIME's configuration of the node, built from these texts. */
    @SuppressWarnings("deprecation") // WebUINodeConfiguration is KNIME 5.6's current node API
    public WebUINodeConfiguration configuration() {
        var builder = WebUINodeConfiguration.builder()
                .name(name)
                .icon(icon)
                .shortDescription(shortDescription)
                .fullDescription(fullDescription)
                .modelSettingsClass(settingsClass);
        for (Port in : inputs) {
            builder = in.type() == null
                    ? builder.addInputTable(in.name(), in.description())
                    : builder.addInputPort(in.name(), in.type().get(), in.description());
        }
        for (Port out : outputs) {
            builder = out.type() == null
                    ? builder.addOutputTable(out.name(), out.description())
                    : builder.addOutputPort(out.name(), out.type().get(), out.description());
        }
        return builder.keywords(keywords.toArray(String[]::new)).build();
    }

    /** Collects the texts in the order of KNIME's configuration builder. */
    public static final class Builder {
        private String m_name;
        private String m_icon;
        private String m_shortDescription;
        private String m_fullDescription;
        private Class<? extends NodeParameters> m_settingsClass;
        private final List<Port> m_inputs = new ArrayList<>();
        private final List<Port> m_outputs = new ArrayList<>();
        private List<String> m_keywords = List.of();

        private Builder() {}

        public Builder name(final String name) {
            m_name = name;
            return this;
        }

        public Builder icon(final String icon) {
            m_icon = icon;
            return this;
        }

        public Builder shortDescription(final String shortDescription) {
            m_shortDescription = shortDescription;
            return this;
        }

        public Builder fullDescription(final String fullDescription) {
            m_fullDescription = fullDescription;
            return this;
        }

        public Builder modelSettingsClass(final Class<? extends NodeParameters> settingsClass) {
            m_settingsClass = settingsClass;
            return this;
        }

        public Builder addInputTable(final String name, final String description) {
            m_inputs.add(new Port(name, null, description));
            return this;
        }

        public Builder addInputPort(final String name, final Supplier<PortType> type, final String description) {
            m_inputs.add(new Port(name, type, description));
            return this;
        }

        public Builder addOutputTable(final String name, final String description) {
            m_outputs.add(new Port(name, null, description));
            return this;
        }

        public Builder addOutputPort(final String name, final Supplier<PortType> type, final String description) {
            m_outputs.add(new Port(name, type, description));
            return this;
        }

        public Builder keywords(final String... keywords) {
            m_keywords = List.of(keywords);
            return this;
        }

        public NodeDescriptionTexts build() {
            return new NodeDescriptionTexts(
                    m_name,
                    m_icon,
                    m_shortDescription,
                    m_fullDescription,
                    m_settingsClass,
                    List.copyOf(m_inputs),
                    List.copyOf(m_outputs),
                    m_keywords);
        }
    }
}
