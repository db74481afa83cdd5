package org.vidssl.torch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Model files as older versions of the tool wrote them: a file's weights with another header.json. */
public final class ModelFileHeaders {

    private ModelFileHeaders() {}

    /** Writes {@code target}: the entries of {@code source} with header.json replaced by {@code headerJson}. */
    public static void withHeader(Path source, String headerJson, Path target) throws IOException {
        try (InputStream raw = Files.newInputStream(source);
                ZipInputStream in = new ZipInputStream(raw);
                OutputStream out = Files.newOutputStream(target);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(
                        entry.getName().equals("header.json")
                                ? headerJson.getBytes(StandardCharsets.UTF_8)
                                : in.readAllBytes());
                zip.closeEntry();
            }
        }
    }
}
