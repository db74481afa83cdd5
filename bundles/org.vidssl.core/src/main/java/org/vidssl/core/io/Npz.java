package org.vidssl.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** numpy .npz files: a zip of .npy arrays (as numpy.savez / savez_compressed write them), stored or deflated. */
public final class Npz {

    private Npz() {}

    /**
     * Reads every array, in the zip's order, keyed by entry name without the ".npy" suffix; arrays that declare more
     * data than the file can inflate to are rejected before they are allocated.
     */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        checkZipMagic(file);
        ReadLimits.Budget budget = ReadLimits.Budget.ofZipFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), budget);
        }
    }

    /**
     * Reads every array of an .npz held in a stream (e.g. an entry of another zip). Each array's declared data is
     * taken from {@code budget} before it is allocated; an entry that holds more than its array, or anything but
     * arrays, is rejected, so nothing is inflated beyond what the budget allows.
     *
     * @param source named in error messages
     */
    public static Map<String, NpyArray> read(InputStream in, String source, ReadLimits.Budget budget)
            throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(in);
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (!name.endsWith(".npy")) {
                    throw new IOException(
                            source + " holds '" + name + "', which is not a .npy entry; is this a numpy .npz file?");
                }
                String key = name.substring(0, name.length() - 4);
                if (arrays.containsKey(key)) {
                    throw new IOException(source + " holds the array '" + key + "' twice.");
                }
                arrays.put(key, Npy.read(zip, source + "!" + name, budget));
                if (zip.read() >= 0) {
                    throw new IOException(source + "!" + name + " holds more data than its array: the file is corrupt;"
                            + " write it again (numpy.savez).");
                }
            }
        } catch (java.io.EOFException e) {
            throw ReadLimits.truncated(source, e);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(
                    source + " is not a valid .npz (zip) file (" + e.getMessage() + "): write it again (numpy.savez).",
                    e);
        }
        return arrays;
    }

    /** ZipInputStream silently reads nothing from a non-zip file, so look at the signature first. */
    private static void checkZipMagic(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        boolean zip = n == 4
                && head[0] == 'P'
                && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
        if (!zip) {
            throw new IOException(file + " is not a numpy .npz file (no zip signature); save it with numpy.savez.");
        }
    }

    /**
     * Writes the arrays in map order as an .npz (entries deflated at the fastest level; numpy reads it), atomically.
     */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        AtomicFiles.write(file, out -> write(out, arrays));
    }

    /** Writes the arrays as a zip to a stream; the stream is finished but not closed. */
    public static void write(OutputStream out, Map<String, NpyArray> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(nonClosing(out));
        zip.setLevel(1); // weights barely compress; be quick
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
            Npy.write(zip, e.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
