package org.knime.core.data;

import java.util.Objects;

/** In memory: a type is the cell class, plus the element type for collection cells. */
public final class DataType {
    private static final DataCell MISSING = new MissingCell();

    private final Class<? extends DataCell> m_cellClass;

    private final DataType m_elementType;

    private DataType(final Class<? extends DataCell> cellClass, final DataType elementType) {
        m_cellClass = Objects.requireNonNull(cellClass);
        m_elementType = elementType;
    }

    public static DataCell getMissingCell() {
        return MISSING;
    }

    public static DataType getType(final Class<? extends DataCell> cell) {
        return new DataType(cell, null);
    }

    public static DataType getType(
            final Class<? extends DataCell> cellImplementsCollectionDataValue, final DataType elementType) {
        return new DataType(cellImplementsCollectionDataValue, Objects.requireNonNull(elementType));
    }

    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        return valueClass.isAssignableFrom(m_cellClass);
    }

    public DataType getCollectionElementType() {
        return m_elementType;
    }

    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataType other
                && other.m_cellClass == m_cellClass
                && Objects.equals(other.m_elementType, m_elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_cellClass, m_elementType);
    }

    @Override
    public String toString() {
        return m_cellClass.getSimpleName() + (m_elementType == null ? "" : " of " + m_elementType);
    }

    private static final class MissingCell extends DataCell {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isMissing() {
            return true;
        }

        @Override
        public String toString() {
            return "?";
        }
    }
}
