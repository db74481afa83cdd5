package org.knime.node.parameters.updates;

public interface ParameterReference<V> {}
