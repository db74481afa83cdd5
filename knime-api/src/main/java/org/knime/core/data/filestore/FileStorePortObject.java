package org.knime.core.data.filestore;

import java.util.List;
import org.knime.core.node.port.PortObject;

public abstract class FileStorePortObject implements PortObject {
    private final List<FileStore> m_fileStores;

    protected FileStorePortObject(final List<FileStore> fileStores) {
        m_fileStores = List.copyOf(fileStores);
    }

    protected FileStorePortObject() {
        m_fileStores = List.of();
    }

    protected int getFileStoreCount() {
        return m_fileStores.size();
    }

    protected FileStore getFileStore(final int index) {
        return m_fileStores.get(index);
    }
}
