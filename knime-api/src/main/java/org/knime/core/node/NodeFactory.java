package org.knime.core.node;

public abstract class NodeFactory<T extends NodeModel> {
    protected NodeFactory() { throw new UnsupportedOperationException(); }

    public abstract T createNodeModel();
}
