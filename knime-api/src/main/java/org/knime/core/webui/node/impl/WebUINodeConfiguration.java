package org.knime.core.webui.node.impl;

import org.knime.core.node.port.PortType;
import org.knime.node.parameters.NodeParameters;

@Deprecated(since = "5.6")
public final class WebUINodeConfiguration {
    private WebUINodeConfiguration() { throw new UnsupportedOperationException(); }

    public static Builder builder() { throw new UnsupportedOperationException(); }

    public static final class Builder {
        private Builder() { throw new UnsupportedOperationException(); }

        public RequireIcon name(final String name) { throw new UnsupportedOperationException(); }
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
        private NodeOptionals() { throw new UnsupportedOperationException(); }

        public NodeOptionals addInputTable(final String name, final String description) { throw new UnsupportedOperationException(); }


        public NodeOptionals addInputPort(final String name, final PortType type, final String description) { throw new UnsupportedOperationException(); }

        public NodeOptionals addOutputTable(final String name, final String description) { throw new UnsupportedOperationException(); }

        public NodeOptionals addOutputPort(final String name, final PortType type, final String description) { throw new UnsupportedOperationException(); }

        public NodeOptionals keywords(final String... keywords) { throw new UnsupportedOperationException(); }

        public NodeOptionals sinceVersion(final int major, final int minor, final int revision) { throw new UnsupportedOperationException(); }

        public NodeOptionals addExternalResource(final String href, final String description) { throw new UnsupportedOperationException(); }

        public WebUINodeConfiguration build() { throw new UnsupportedOperationException(); }
    }
}
