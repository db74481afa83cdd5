package org.knime.core.webui.node.impl;

import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;

@Deprecated(since = "5.6")
public abstract class WebUINodeFactory<M extends NodeModel> extends NodeFactory<M> {
    protected WebUINodeFactory(final WebUINodeConfiguration configuration) {}
}
