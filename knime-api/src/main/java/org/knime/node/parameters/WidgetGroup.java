package org.knime.node.parameters;

public interface WidgetGroup {}
