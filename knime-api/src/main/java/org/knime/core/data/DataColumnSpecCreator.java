package org.knime.core.data;

public class DataColumnSpecCreator {
    private final String m_name;

    private final DataType m_type;

    public DataColumnSpecCreator(final String name, final DataType type) {
        if (name == null || type == null) {
            throw new NullPointerException("Column name and type must not be null.");
        }
        m_name = name;
        m_type = type;
    }

    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type);
    }
}
