package org.vidssl.core.io;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Bounds on what readers allocate, so that a corrupt or hostile file (a zip entry that inflates to gigabytes, an
 * .npy header that declares a huge shape) is rejected before it fills memory, with a message naming the file.
 * Arrays in zip files are bounded by the file's size: real arrays (weights, features, optimiser state) compress far
 * less than {@value #MAX_INFLATION}-fold, while a zip bomb packs gigabytes of zeros into a few kilobytes.
 */
public final class ReadLimits {

    /** How many times its size a zip file's arrays may take; beyond that only a zip bomb inflates. */
    public static final long MAX_INFLATION = 100;
    /** Added to every zip budget: small files of constant arrays (zeros) compress far better than weights do. */
    private static final long ZIP_SLACK = 1 << 20;
    /** JSON headers (model headers, checkpoint descriptions) are a few kilobytes. */
    public static final int MAX_JSON_BYTES = 1 << 20;
    /** Text files (split files, class lists, embedding indexes): generous for a million videos. */
    public static final long MAX_TEXT_BYTES = 512L << 20;
    /** The largest byte array Java allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private ReadLimits() {}

    /**
     * Bytes that the arrays of one file may take in all; each array takes its declared size before it is allocated,
     * and a declaration beyond what is left is rejected.
     */
    public static final class Budget {

        private final String file;
        private final String limit;
        private long left;

        private Budget(String file, long bytes, String limit) {
            this.file = file;
            this.left = bytes;
            this.limit = limit;
        }

        /** The data of an uncompressed file (.npy): at most its size. */
        public static Budget ofPlainFile(Path file) throws IOException {
            return new Budget(file.toString(), size(file), "the file has only " + size(file) + " bytes");
        }

        /** The data of a zip file (.npz, model files, checkpoints): at most what its size can inflate to. */
        public static Budget ofZipFile(Path file) throws IOException {
            long size = size(file);
            return new Budget(
                    file.toString(),
                    saturatingTimes(size, MAX_INFLATION) + ZIP_SLACK,
                    "real data in a zip file of " + size + " bytes does not inflate to that much");
        }

        /** Data already bounded by other means (bytes in memory of the given length). */
        public static Budget of(String source, long bytes) {
            return new Budget(source, bytes, "only " + bytes + " bytes are there");
        }

        /**
         * Takes {@code bytes} for one array or entry before it is allocated.
         *
         * @param entry named in the message (an entry of the file, or the file itself)
         * @throws IOException when the declared size is more than the file can hold or Java can allocate
         */
        public void take(long bytes, String entry) throws IOException {
            if (bytes < 0 || bytes > left || bytes > MAX_ARRAY * 8) {
                throw new IOException(entry + " declares " + bytes + " bytes of data, but " + limit
                        + (left < bytes && !entry.equals(file) ? " (with the entries before it)" : "")
                        + ": the file is corrupt or truncated; write or copy it again.");
            }
            left -= bytes;
        }

        /** Reads the rest of a stream (a zip entry whose size is not declared elsewhere) within what is left. */
        public byte[] readRest(InputStream in, String entry) throws IOException {
            byte[] bytes = readAtMost(in, (int) Math.min(left, MAX_ARRAY), entry);
            left -= bytes.length;
            return bytes;
        }
    }

    /** Bytes of a file; a missing file is an error naming it. */
    private static long size(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist.", e);
        }
    }

    private static long saturatingTimes(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        return hi != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    /**
     * Reads the rest of a stream (e.g. a zip entry while it inflates), failing as soon as more than {@code max}
     * bytes come: the declared size of a zip entry is not trusted.
     *
     * @param source named in the message, e.g. "model.vidssl!header.json"
     */
    public static byte[] readAtMost(InputStream in, int max, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 1 << 16));
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            total += n;
            if (total > max) {
                throw new IOException(source + " is larger than " + max + " bytes, far more than it should be: the"
                        + " file is corrupt or not what it claims to be; write or copy it again.");
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads a whole (uncompressed) file of at most {@code max} bytes; a larger one is rejected before reading. */
    public static byte[] readFile(Path file, long max) throws IOException {
        long size = size(file);
        if (size > max || size > MAX_ARRAY) {
            throw new IOException(file + " has " + size + " bytes, more than the " + Math.min(max, MAX_ARRAY)
                    + " accepted for this kind of file: is it the right file?");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readAtMost(in, (int) Math.min(max, MAX_ARRAY), file.toString()); // the file may grow meanwhile
        }
    }

    /** The message for a stream that ends early (e.g. "Unexpected end of ZLIB input stream"), naming the source. */
    public static IOException truncated(String source, EOFException e) {
        return new IOException(
                source + " is truncated: it ends before its data is complete (a copy or download was cut"
                        + " short, or the disk filled up while it was written); write or copy it again.",
                e);
    }
}
