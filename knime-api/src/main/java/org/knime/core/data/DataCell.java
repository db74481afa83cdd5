package org.knime.core.data;

import java.io.Serializable;

public abstract class DataCell implements DataValue, Serializable {
    private static final long serialVersionUID = 1L;

    protected DataCell() {}

    public boolean isMissing() {
        return false;
    }
}
