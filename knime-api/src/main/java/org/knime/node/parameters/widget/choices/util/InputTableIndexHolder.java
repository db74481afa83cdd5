package org.knime.node.parameters.widget.choices.util;

public interface InputTableIndexHolder {
    default int getInputTableIndex() {
        throw new UnsupportedOperationException();
    }
}
