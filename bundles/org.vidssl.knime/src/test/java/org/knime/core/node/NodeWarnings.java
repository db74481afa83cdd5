package org.knime.core.node;

/** Test support (not KNIME API): the warning a node model set, which KNIME shows on the node. */
public final class NodeWarnings {

    private NodeWarnings() {}

    public static String of(final NodeModel model) {
        return model.getWarningMessage();
    }
}
