package org.knime.core.data;

import java.io.Serializable;

public abstract class DataCell implements DataValue, Serializable {
    private static final long serialVersionUID = 1L;

    protected DataCell() { throw new UnsupportedOperationException(); }

    public boolean isMissing() { throw new UnsupportedOperationException(); }
}
