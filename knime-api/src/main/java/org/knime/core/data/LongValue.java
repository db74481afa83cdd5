package org.knime.core.data;

public interface LongValue extends DataValue {
    long getLongValue();
}
