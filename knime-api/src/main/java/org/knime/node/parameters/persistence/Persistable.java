package org.knime.node.parameters.persistence;

public interface Persistable {}
