package org.knime.core.node;

public final class Node {
    private Node() {}
}
