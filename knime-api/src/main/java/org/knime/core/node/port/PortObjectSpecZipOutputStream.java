package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

public class PortObjectSpecZipOutputStream extends ZipOutputStream {
    private PortObjectSpecZipOutputStream(final OutputStream out) {
        super(out);
        throw new UnsupportedOperationException();
    }
}
