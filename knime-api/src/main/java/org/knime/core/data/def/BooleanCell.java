package org.knime.core.data.def;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;

public final class BooleanCell extends DataCell implements BooleanValue, IntValue, LongValue, DoubleValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(BooleanCell.class);

    private final boolean m_value;

    public static final BooleanCell TRUE = new BooleanCell(true);

    public static final BooleanCell FALSE = new BooleanCell(false);

    private BooleanCell(final boolean value) {
        m_value = value;
    }

    public static BooleanCell get(final boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    public int getIntValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public long getLongValue() {
        return getIntValue();
    }

    @Override
    public double getDoubleValue() {
        return getIntValue();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof BooleanCell other && other.m_value == m_value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(m_value);
    }

    @Override
    public String toString() {
        return String.valueOf(m_value);
    }
}
