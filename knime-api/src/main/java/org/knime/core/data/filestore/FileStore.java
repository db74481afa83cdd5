package org.knime.core.data.filestore;

import java.io.File;

public final class FileStore {
    private final File m_file;

    /** Made by the execution context (KNIME's file store handler); not for node code. */
    private FileStore(final File file) {
        m_file = file;
    }

    public File getFile() {
        return m_file;
    }
}
