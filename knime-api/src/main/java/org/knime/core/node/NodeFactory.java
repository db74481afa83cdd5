package org.knime.core.node;

public abstract class NodeFactory<T extends NodeModel> {
    protected NodeFactory() {}

    public abstract T createNodeModel();
}
