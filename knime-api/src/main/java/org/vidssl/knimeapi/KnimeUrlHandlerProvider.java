package org.vidssl.knimeapi;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.spi.URLStreamHandlerProvider;

/**
 * Not KNIME API: lets a plain JVM parse {@code knime://} URLs, as KNIME's own URL handler does inside KNIME, so the
 * in-memory {@link org.knime.core.util.FileUtil} can resolve them in tests. Nothing is opened through it.
 */
public final class KnimeUrlHandlerProvider extends URLStreamHandlerProvider {

    @Override
    public URLStreamHandler createURLStreamHandler(final String protocol) {
        if (!"knime".equals(protocol)) {
            return null;
        }
        return new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(final URL url) throws IOException {
                throw new IOException("knime:// URLs are resolved with FileUtil.resolveToPath here, not opened");
            }
        };
    }
}
