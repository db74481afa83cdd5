package org.vidssl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    /** Builds a .npy file by hand, the way numpy lays it out: magic, version, header length, header, data. */
    private static byte[] npy(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int total = 8 + lengthBytes + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.UTF_8));
        b.put(data);
        return b.array();
    }

    private static byte[] littleEndian(int itemSize, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (itemSize) {
                case 4 -> b.putFloat((float) v);
                default -> b.putDouble(v);
            }
        }
        return b.array();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsHandWrittenFloat32Version1() throws IOException {
        Path p = file(
                "a.npy",
                npy(
                        1,
                        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                        littleEndian(4, 1, 2, 3, 4, 5, 6.5)));
        NpyArray a = Npy.read(p);
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6.5f}, a.data());
    }

    @Test
    void readsFloat64Int64Int32AndVersions2And3() throws IOException {
        NpyArray f8 = Npy.read(file(
                "f8.npy",
                npy(
                        2,
                        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                        littleEndian(8, 0.25, -1.5, 1e10))));
        assertArrayEquals(new float[] {0.25f, -1.5f, 1e10f}, f8.data());

        ByteBuffer i8 = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(-7)
                .putLong(42);
        NpyArray ints = Npy.read(
                file("i8.npy", npy(3, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", i8.array())));
        assertArrayEquals(new float[] {-7, 42}, ints.data());

        ByteBuffer i4 =
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(3).putInt(-9);
        NpyArray i4a = Npy.read(
                file("i4.npy", npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }", i4.array())));
        assertArrayEquals(new long[] {1, 2}, i4a.shape());
        assertArrayEquals(new float[] {3, -9}, i4a.data());
    }

    @Test
    void readsScalar() throws IOException {
        NpyArray s = Npy.read(
                file("s.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", littleEndian(4, 3.0))));
        assertEquals(0, s.rank());
        assertArrayEquals(new float[] {3}, s.data());
    }

    @Test
    void writesWhatItReadsAndAlignsDataTo64Bytes() throws IOException {
        Random r = new Random(1);
        for (long[] shape : List.of(
                new long[] {}, new long[] {5}, new long[] {2, 3, 4}, new long[] {0, 7}, new long[] {1, 3, 2, 8, 8})) {
            float[] data = new float[(int) NpyArray.elementCount(shape)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) r.nextGaussian();
            }
            NpyArray a = new NpyArray(shape, data);
            Path p = dir.resolve("rt" + shape.length + ".npy");
            Npy.write(p, a);
            assertEquals(a, Npy.read(p));
            byte[] bytes = Files.readAllBytes(p);
            assertEquals(0, (bytes.length - data.length * 4) % 64, "data starts at a multiple of 64");
            String header = new String(bytes, 10, bytes.length - 10 - data.length * 4, StandardCharsets.ISO_8859_1);
            assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': ("), header);
            assertTrue(header.endsWith("\n"));
        }
        // numpy writes a one-dimensional shape with a trailing comma
        Npy.write(dir.resolve("one.npy"), new NpyArray(new long[] {5}, new float[5]));
        assertTrue(new String(Files.readAllBytes(dir.resolve("one.npy")), StandardCharsets.ISO_8859_1)
                .contains("'shape': (5,)"));
    }

    @Test
    void rejectsFortranOrderNamingTheFile() throws IOException {
        Path p = file(
                "fortran.npy",
                npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", littleEndian(4, 1, 2, 3, 4)));
        IOException e = assertThrows(IOException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains("fortran.npy"), e.getMessage());
        assertTrue(e.getMessage().contains("Fortran order"), e.getMessage());
    }

    @Test
    void rejectsBadFiles() throws IOException {
        Path magic = file("magic.npy", "not numpy at all".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(magic))
                .getMessage()
                .contains("magic.npy"));

        Path dtype =
                file("dtype.npy", npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(dtype))
                .getMessage()
                .contains("'>f4'"));

        Path version = file("v9.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]));
        byte[] v9 = Files.readAllBytes(version);
        v9[6] = 9;
        Files.write(version, v9);
        assertTrue(assertThrows(IOException.class, () -> Npy.read(version))
                .getMessage()
                .contains("version 9"));

        Path truncated =
                file("short.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", new byte[8]));
        IOException e = assertThrows(IOException.class, () -> Npy.read(truncated));
        assertTrue(e.getMessage().contains("short.npy") && e.getMessage().contains("truncated"), e.getMessage());

        Path noShape = file("noshape.npy", npy(1, "{'descr': '<f4', 'fortran_order': False}", new byte[0]));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(noShape))
                .getMessage()
                .contains("malformed"));
    }

    @Test
    void npzRoundTripKeepsOrder() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("conv1.weight", new NpyArray(new long[] {2, 1, 2}, new float[] {1, 2, 3, 4}));
        arrays.put("bn1.running_mean", new NpyArray(new long[] {2}, new float[] {-1, 1}));
        arrays.put("a", new NpyArray(new long[] {}, new float[] {7}));
        Path p = dir.resolve("w.npz");
        Npz.write(p, arrays);
        Map<String, NpyArray> back = Npz.read(p);
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
        assertEquals(arrays, back);
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void readsStoredNpzLikeNumpySavez() throws IOException {
        byte[] x = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", littleEndian(8, 1.5, 2.5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry e = new ZipEntry("x.npy");
            e.setMethod(ZipEntry.STORED);
            e.setSize(x.length);
            CRC32 crc = new CRC32();
            crc.update(x);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(x);
            zip.closeEntry();
        }
        Map<String, NpyArray> m = Npz.read(file("stored.npz", bytes.toByteArray()));
        assertArrayEquals(new float[] {1.5f, 2.5f}, m.get("x").data());
    }

    @Test
    void npzErrorsNameTheFileAndEntry() throws IOException {
        Path notZip = file("plain.npz", "hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(IOException.class, () -> Npz.read(notZip))
                .getMessage()
                .contains("plain.npz"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("bad.npy"));
            zip.write(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", new byte[4]));
            zip.closeEntry();
        }
        Path bad = file("bad.npz", bytes.toByteArray());
        IOException e = assertThrows(IOException.class, () -> Npz.read(bad));
        assertTrue(e.getMessage().contains("bad.npz!bad.npy"), e.getMessage());
    }

    @Test
    void failedWriteLeavesTheOldFile() throws IOException {
        Path p = dir.resolve("keep.npz");
        Map<String, NpyArray> arrays = Map.of("a", new NpyArray(new long[] {1}, new float[] {1}));
        Npz.write(p, arrays);
        byte[] before = Files.readAllBytes(p);
        assertThrows(
                IOException.class,
                () -> AtomicFiles.write(p, (OutputStream out) -> {
                    out.write(1);
                    throw new IOException("disk full");
                }));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
