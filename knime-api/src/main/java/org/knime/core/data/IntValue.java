package org.knime.core.data;

public interface IntValue extends DataValue {
    int getIntValue();
}
