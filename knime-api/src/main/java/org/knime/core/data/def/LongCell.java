package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.LongValue;
import org.knime.core.data.DoubleValue;

public final class LongCell extends DataCell implements LongValue, DoubleValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = null;

    public LongCell(final long value) { throw new UnsupportedOperationException(); }

    @Override
    public long getLongValue() { throw new UnsupportedOperationException(); }

    @Override
    public double getDoubleValue() { throw new UnsupportedOperationException(); }
}
