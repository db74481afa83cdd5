package org.vidssl.knime.port;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.swing.JComponent;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStorePortObject;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.vidssl.core.io.ReadLimits;

/**
 * A trained network kept in a KNIME file store (the weights can be hundreds of MB, so they stay on disk, not on
 * the heap or in the port's zip). The file is our engine's model file; the spec carries its metadata.
 */
public abstract class VideoModelPortObject extends FileStorePortObject {

    private static final String ENTRY = "vidssl-model.txt";
    private static final String FORMAT = "vidssl-model-port 1";
    private static final int MAX_MARKER_BYTES = 1024;

    private VideoModelPortObjectSpec m_spec;

    /** For the framework's loader only; the file store is restored by KNIME. */
    protected VideoModelPortObject(final VideoModelPortObjectSpec spec) {
        m_spec = spec;
    }

    protected VideoModelPortObject(final VideoModelPortObjectSpec spec, final FileStore fileStore) {
        super(List.of(fileStore));
        m_spec = spec;
    }

    /** The model file inside the file store; read it, never modify it (other nodes may share it). */
    public Path modelFile() {
        return getFileStore(0).getFile().toPath();
    }

    @Override
    public VideoModelPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public String getSummary() {
        return m_spec.summary();
    }

    @Override
    public JComponent[] getViews() {
        return m_spec.getViews();
    }

    /** What the serializers write: only a format marker, the weights stay in the file store. */
    static void writeMarker(final PortObjectZipOutputStream out) throws IOException {
        out.putNextEntry(new ZipEntry(ENTRY));
        out.write(FORMAT.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** Reads the marker back; a hostile port file cannot make it allocate more than a marker's few bytes. */
    static void checkMarker(final ZipInputStream in) throws IOException {
        ZipEntry entry = in.getNextEntry();
        if (entry == null || !ENTRY.equals(entry.getName())) {
            throw new IOException("Not a video model port (expected zip entry " + ENTRY + ")");
        }
        String format = new String(
                ReadLimits.readAtMost(in, MAX_MARKER_BYTES, "video model port entry " + ENTRY), StandardCharsets.UTF_8);
        if (!FORMAT.equals(format)) {
            throw new IOException("Unsupported video model port format '" + format
                    + "': update the Video Self-Supervised Learning extension.");
        }
    }
}
