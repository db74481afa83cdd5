package org.vidssl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile .npy and .npz files written by the test: rejected fast, before allocating, with the file named. */
class BoundedReadsTest {

    @TempDir
    Path dir;

    /** An .npy header declaring {@code shape} (text inside the parentheses), followed by no data. */
    static byte[] npyHeader(String shape) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
        String text = dict + " ".repeat(118 - dict.length() - 10 + 10 - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(text.length() & 0xff);
        out.write(text.length() >>> 8);
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    @Test
    void anNpyFileDeclaringMoreThanItHoldsIsRejectedBeforeAllocating() throws IOException {
        Path file = dir.resolve("huge.npy");
        Files.write(file, npyHeader("500000000, 4")); // 8 GB declared, 128 bytes there
        IOException e = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> assertThrows(IOException.class, () -> Npy.read(file)));
        assertTrue(e.getMessage().startsWith(file + " declares 8000000000 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("write or copy it again"), e.getMessage());
    }

    @Test
    void anOverflowingShapeIsNamedNotLongOverflow() throws IOException {
        Path file = dir.resolve("overflow.npy");
        Files.write(file, npyHeader("9223372036854775807, 9223372036854775807"));
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file + " declares the shape"), e.getMessage());
        assertFalse(e.getMessage().contains("long overflow"), e.getMessage());
    }

    @Test
    void aTruncatedNpyIsNamedAsTruncated() throws IOException {
        Path file = dir.resolve("cut.npy");
        Npy.write(file, new NpyArray(new long[] {64}, new float[64]));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file + " is truncated"), e.getMessage());
    }

    /** A zip bomb: a few kilobytes whose one entry holds an .npy of 1.2 GB of zeros. */
    @Test
    void anNpzBombIsRejectedFastWithoutInflatingIt() throws IOException {
        Path file = dir.resolve("bomb.npz");
        long values = 300_000_000L;
        try (OutputStream raw = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("w.npy"));
            zip.write(npyHeader(Long.toString(values) + ","));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < values * 4; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(Files.size(file) < 2 << 20, "a bomb of " + Files.size(file) + " bytes");
        IOException e = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> assertThrows(IOException.class, () -> Npz.read(file)));
        assertTrue(e.getMessage().startsWith(file + "!w.npy declares 1200000000 bytes"), e.getMessage());
    }

    @Test
    void anNpzEntryWithDataBeyondItsArrayIsRejected() throws IOException {
        Path file = dir.resolve("tail.npz");
        try (OutputStream raw = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.putNextEntry(new ZipEntry("w.npy"));
            Npy.write(zip, new NpyArray(new long[] {2}, new float[] {1, 2}));
            zip.write(new byte[1 << 16]); // hidden bulk after the array
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file + "!w.npy holds more data than its array"), e.getMessage());
    }

    @Test
    void aTextFileBeyondItsLimitIsRejectedBeforeReading() throws IOException {
        Path file = dir.resolve("big.txt");
        Files.write(file, new byte[4096]);
        IOException e = assertThrows(IOException.class, () -> ReadLimits.readFile(file, 1024));
        assertTrue(e.getMessage().startsWith(file + " has 4096 bytes, more than the 1024"), e.getMessage());
        assertEquals(4096, ReadLimits.readFile(file, 4096).length);
    }
}
