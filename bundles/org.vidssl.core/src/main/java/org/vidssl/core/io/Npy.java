package org.vidssl.core.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy .npy files (format versions 1, 2 and 3). Reads little-endian float32, float64, int64 and int32
 * arrays in C order as float; writes float32 in format version 1 (or 2 when the header needs it).
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Reads a .npy file; errors name the file; a shape larger than the file can hold is rejected before allocating. */
    public static NpyArray read(Path file) throws IOException {
        ReadLimits.Budget budget = ReadLimits.Budget.ofPlainFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), budget);
        }
    }

    /**
     * Reads one .npy array from a stream of bytes already in memory (its size bounds what is allocated).
     *
     * @param source named in error messages (a file, or a zip entry)
     */
    public static NpyArray read(java.io.ByteArrayInputStream stream, String source) throws IOException {
        return read(stream, source, ReadLimits.Budget.of(source, stream.available()));
    }

    /**
     * Reads one .npy array from a stream; the data its header declares is taken from {@code budget} before the array
     * is allocated, so a header that declares more than the file can hold is rejected first.
     *
     * @param source named in error messages (a file, or a zip entry)
     */
    public static NpyArray read(InputStream stream, String source, ReadLimits.Budget budget) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            byte[] magic = new byte[6];
            in.readFully(magic);
            for (int i = 0; i < MAGIC.length; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw new IOException(source + " is not a numpy .npy file (wrong magic bytes).");
                }
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte(); // minor version: no meaning for reading
            long headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            } else {
                throw new IOException(
                        source + " has .npy format version " + major + "; only versions 1, 2 and 3 are supported.");
            }
            if (headerLength > 1 << 20) {
                throw new IOException(source + " has an implausible .npy header length " + headerLength + ".");
            }
            byte[] headerBytes = new byte[(int) headerLength];
            in.readFully(headerBytes);
            String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            return readData(in, parseHeader(header, source), source, budget);
        } catch (EOFException e) {
            throw ReadLimits.truncated(source, e);
        }
    }

    private record Header(String descr, long[] shape) {}

    private static Header parseHeader(String header, String source) throws IOException {
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new IOException(source + " has a malformed .npy header (needs 'descr', 'fortran_order' and 'shape'): "
                    + header.strip());
        }
        if (fortran.group(1).equals("True")) {
            throw new IOException(source
                    + " is stored in Fortran order; save it in C order (numpy.ascontiguousarray) and try again.");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims.add(Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
            } catch (NumberFormatException e) {
                throw new IOException(
                        source + " has a malformed shape in its .npy header: (" + shape.group(1)
                                + "); the file is corrupt: write it again (numpy.save).",
                        e);
            }
        }
        return new Header(
                descr.group(1), dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static NpyArray readData(DataInputStream in, Header header, String source, ReadLimits.Budget budget)
            throws IOException {
        int itemSize = switch (header.descr()) {
            case "<f4", "<i4" -> 4;
            case "<f8", "<i8" -> 8;
            case "|u1", "|i1", "|b1" -> 1; // harmless to support bytes too
            default ->
                throw new IOException(source + " holds dtype '" + header.descr()
                        + "'; supported are little-endian float32 (<f4), float64 (<f8), int64 (<i8) and int32 (<i4).");
        };
        long count;
        try {
            count = NpyArray.elementCount(header.shape());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException(
                    source + " declares the shape " + java.util.Arrays.toString(header.shape())
                            + ", which is negative or too large to exist: the file is corrupt; write it again"
                            + " (numpy.save).",
                    e);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IOException(
                    source + " declares " + count + " values (shape " + java.util.Arrays.toString(header.shape())
                            + "), more than one Java array can hold: split the array, or check that the file is not"
                            + " corrupt.");
        }
        budget.take(count * itemSize, source);
        float[] data = new float[(int) count];
        byte[] chunk = new byte[1 << 16];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = chunk.length / itemSize;
        for (int start = 0; start < data.length; start += perChunk) {
            int n = Math.min(perChunk, data.length - start);
            in.readFully(chunk, 0, n * itemSize);
            buffer.clear();
            for (int i = 0; i < n; i++) {
                data[start + i] = switch (header.descr()) {
                    case "<f4" -> buffer.getFloat();
                    case "<f8" -> (float) buffer.getDouble();
                    case "<i8" -> (float) buffer.getLong();
                    case "<i4" -> (float) buffer.getInt();
                    case "|u1", "|b1" -> Byte.toUnsignedInt(buffer.get());
                    default -> buffer.get();
                };
            }
        }
        return new NpyArray(header.shape(), data);
    }

    /** Writes a float32 .npy file atomically (temporary file in the same folder, then move). */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    /** Writes a float32 .npy array to a stream (not closed). */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(header(array.shape()));
        float[] data = array.data();
        byte[] chunk = new byte[1 << 16];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = chunk.length / 4;
        for (int start = 0; start < data.length; start += perChunk) {
            int n = Math.min(perChunk, data.length - start);
            buffer.clear();
            buffer.asFloatBuffer().put(data, start, n);
            out.write(chunk, 0, n * 4);
        }
    }

    /**
     * Writes the rows of a matrix as one float32 .npy array of shape (rows, columns), atomically and
     * without first copying the rows into one flat array. An empty matrix is written with shape (0, 0).
     *
     * @throws IllegalArgumentException when the rows differ in length
     */
    public static void writeMatrix(Path file, float[][] rows) throws IOException {
        int columns = checkMatrix(rows);
        AtomicFiles.write(file, out -> writeMatrix(out, rows, columns));
    }

    /** {@link #writeMatrix(Path, float[][])} to a stream (not closed), e.g. for {@link AtomicFiles#writeAll}. */
    public static void writeMatrix(OutputStream out, float[][] rows) throws IOException {
        writeMatrix(out, rows, checkMatrix(rows));
    }

    private static int checkMatrix(float[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("Row " + r + " has " + rows[r].length + " values, row 0 has "
                        + columns + ": a matrix needs rows of equal length.");
            }
        }
        return columns;
    }

    private static void writeMatrix(OutputStream out, float[][] rows, int columns) throws IOException {
        out.write(header(new long[] {rows.length, columns}));
        ByteBuffer buffer = ByteBuffer.allocate(columns * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            buffer.clear();
            buffer.asFloatBuffer().put(row);
            out.write(buffer.array(), 0, columns * 4);
        }
    }

    /** The magic, version and header dictionary, padded so the data starts at a multiple of 64 bytes. */
    static byte[] header(long[] shape) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1
                ? dims.substring(0, dims.length() - 1)
                : shape.length == 0 ? "" : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int total = 10 + dict.length() + 1;
        boolean v1 = (total + 63) / 64 * 64 - 10 <= 0xffff; // version 1 stores the header length in 2 bytes
        if (!v1) {
            total += 2;
        }
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(padded);
        out.writeBytes(MAGIC);
        out.write(v1 ? 1 : 2);
        out.write(0);
        int len = text.length();
        out.write(len & 0xff);
        out.write((len >>> 8) & 0xff);
        if (!v1) {
            out.write((len >>> 16) & 0xff);
            out.write((len >>> 24) & 0xff);
        }
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
