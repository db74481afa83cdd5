package org.vidssl.knime.port;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The model ports' zip holds only a format marker; reading it back is bounded and names what is wrong. */
class PortMarkerTest {

    private static ZipInputStream zipWith(final String entry, final byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return new ZipInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void theMarkerWrittenByTheProductIsAccepted() throws IOException {
        byte[] marker = "vidssl-model-port 1".getBytes(StandardCharsets.UTF_8);
        assertDoesNotThrow(() -> VideoModelPortObject.checkMarker(zipWith("vidssl-model.txt", marker)));
    }

    @Test
    void aMarkerEntryInflatingTo64MegabytesIsRejectedWithoutReadingItIntoMemory() throws IOException {
        byte[] bomb = new byte[64 << 20]; // zeros: compresses to about 64 kB
        ZipInputStream in = zipWith("vidssl-model.txt", bomb);
        bomb = null;
        IOException e = assertThrows(IOException.class, () -> VideoModelPortObject.checkMarker(in));
        assertTrue(e.getMessage().contains("video model port entry vidssl-model.txt"), e.getMessage());
    }

    @Test
    void aNewerFormatAsksToUpdateTheExtension() throws IOException {
        byte[] marker = "vidssl-model-port 2".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(
                IOException.class, () -> VideoModelPortObject.checkMarker(zipWith("vidssl-model.txt", marker)));
        assertTrue(e.getMessage().contains("update the Video Self-Supervised Learning extension"), e.getMessage());
    }

    @Test
    void aZipOfAnotherPortTypeIsRefusedByName() throws IOException {
        IOException e = assertThrows(
                IOException.class, () -> VideoModelPortObject.checkMarker(zipWith("table.bin", new byte[] {1})));
        assertTrue(e.getMessage().contains("vidssl-model.txt"), e.getMessage());
    }
}
