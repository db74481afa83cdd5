package org.knime.core.data.filestore;

import java.util.List;

import org.knime.core.node.port.PortObject;

public abstract class FileStorePortObject implements PortObject {
    protected FileStorePortObject(final List<FileStore> fileStores) { throw new UnsupportedOperationException(); }

    protected FileStorePortObject() { throw new UnsupportedOperationException(); }

    protected int getFileStoreCount() { throw new UnsupportedOperationException(); }

    protected FileStore getFileStore(final int index) { throw new UnsupportedOperationException(); }
}
