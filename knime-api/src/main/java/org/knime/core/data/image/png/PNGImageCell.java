package org.knime.core.data.image.png;

import org.knime.core.data.DataCell;

public class PNGImageCell extends DataCell {
    private static final long serialVersionUID = 1L;

    private final transient PNGImageContent m_content;

    PNGImageCell(final PNGImageContent content) {
        m_content = content;
    }

    public PNGImageContent getImageContent() {
        return m_content;
    }
}
