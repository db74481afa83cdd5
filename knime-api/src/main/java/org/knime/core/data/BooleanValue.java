package org.knime.core.data;

public interface BooleanValue extends DataValue {
    boolean getBooleanValue();
}
