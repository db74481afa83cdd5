package org.knime.core.data;

public interface DoubleValue extends DataValue {
    double getDoubleValue();
}
