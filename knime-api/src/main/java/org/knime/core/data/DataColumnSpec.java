package org.knime.core.data;

public final class DataColumnSpec {
    private DataColumnSpec() { throw new UnsupportedOperationException(); }

    public String getName() { throw new UnsupportedOperationException(); }

    public DataType getType() { throw new UnsupportedOperationException(); }
}
