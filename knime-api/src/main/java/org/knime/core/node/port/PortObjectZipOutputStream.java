package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

public class PortObjectZipOutputStream extends ZipOutputStream {
    private PortObjectZipOutputStream(final OutputStream out) {
        super(out);
        throw new UnsupportedOperationException();
    }
}
