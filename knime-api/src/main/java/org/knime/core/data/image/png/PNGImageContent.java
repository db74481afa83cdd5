package org.knime.core.data.image.png;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

public class PNGImageContent {
    public static final DataType TYPE = DataType.getType(PNGImageCell.class);

    private final byte[] m_bytes;

    public PNGImageContent(final byte[] imageBytes) {
        m_bytes = imageBytes.clone();
    }

    public byte[] getByteArray() {
        return m_bytes.clone();
    }

    public DataCell toImageCell() {
        return new PNGImageCell(this);
    }
}
