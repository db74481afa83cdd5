package org.vidssl.core.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.io.Npy;
import org.vidssl.core.io.NpyArray;

class EmbeddingSetTest {

    @TempDir
    Path tmp;

    private static EmbeddingSet sample() {
        return new EmbeddingSet(
                List.of("v_a,1", "v \"b\"", " v_c", "line\nbreak"),
                List.of("A", "B,C", "A", "Ü"),
                List.of(0, 1, 0, 2),
                List.of(Split.TRAIN, Split.TEST, Split.TEST, Split.TRAIN),
                new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
    }

    @Test
    void indexRoundTripWithAwkwardNames() throws IOException {
        EmbeddingSet s = sample();
        Path csv = tmp.resolve("out/index.csv");
        s.writeIndexCsv(csv);
        String text = Files.readString(csv);
        assertTrue(text.startsWith("video_id,class,class_index,split,row\n"), text);
        assertTrue(text.contains("\"v_a,1\",A,0,train,0\n"), text);
        assertTrue(text.contains("\"v \"\"b\"\"\",\"B,C\",1,test,1\n"), text);
        assertTrue(text.contains("\" v_c\",A,0,test,2\n"), text);
        EmbeddingSet back = EmbeddingSet.readIndexCsv(csv, s.vectors());
        assertEquals(s, back);
        try (var files = Files.list(csv.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void readsOtherColumnOrderCrlfAndBomAndPermutedRows() throws IOException {
        Path csv = tmp.resolve("index.csv");
        Files.write(
                csv,
                "\uFEFFrow,split,video_id,class_index,class\r\n1,TEST,x,3,C\r\n0,train,y,0,A\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        float[][] v = {{0f}, {1f}};
        EmbeddingSet s = EmbeddingSet.readIndexCsv(csv, v);
        assertEquals(List.of("x", "y"), s.videoIds());
        assertEquals(List.of(3, 0), s.classIndices());
        assertEquals(List.of(Split.TEST, Split.TRAIN), s.splits());
        assertSame(v[1], s.vectors()[0]);
    }

    @Test
    void badIndexesNameFileAndLine() throws IOException {
        float[][] v = {{0f}, {1f}};
        String header = "video_id,class,class_index,split,row\n";
        String[][] cases = {
            {header + "a,A,0,train,0\nb,A,0,train,0\n", ":3: row 0 is used by two"},
            {header + "a,A,0,train,0\nb,A,0,train,5\n", ":3: row 5 is outside"},
            {header + "a,A,0,train,0\n", "lists 1 videos but the vectors file has 2"},
            {"video_id,class,split,row\n", ":1: column 'class_index' is missing"},
            {header + "a,A,x,train,0\n", ":2: class_index 'x'"},
            {header + "a,A,0,valid,0\n", ":2: split 'valid'"},
            {header + "a,A,0,train\n", ":2: 4 fields"},
            {header + "\"a,A,0,train,0\n", ":2: a quoted field is never closed"},
            {header + "\"a\"x,A,0,train,0\n", ":2: text after a closing quote"},
            {"", "empty"}
        };
        for (String[] c : cases) {
            Path csv = tmp.resolve("bad.csv");
            Files.writeString(csv, c[0]);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> EmbeddingSet.readIndexCsv(csv, v), c[1]);
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains("bad.csv"), e.getMessage());
        }
    }

    @Test
    void multiLineFieldsKeepLineNumbers() throws IOException {
        Path csv = tmp.resolve("ml.csv");
        Files.writeString(csv, "video_id,class,class_index,split,row\n\"a\nb\",A,0,train,0\nc,A,0,train,9\n");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EmbeddingSet.readIndexCsv(csv, new float[][] {{1f}}));
        assertTrue(e.getMessage().contains("ml.csv:4:"), e.getMessage());
    }

    @Test
    void selectAndArrays() {
        EmbeddingSet s = sample();
        EmbeddingSet test = s.select(Split.TEST);
        assertEquals(List.of("v \"b\"", " v_c"), test.videoIds());
        assertArrayEquals(new int[] {1, 0}, test.classIndexArray());
        assertSame(s.vectors()[1], test.vectors()[0]);
        assertEquals(2, s.dimension());
        assertEquals(4, s.size());
    }

    @Test
    void fromVideoEntries() {
        List<VideoEntry> videos = List.of(
                new VideoEntry("v1", "A", 0, Split.TRAIN, Path.of("v1.avi"), -1),
                new VideoEntry("v2", "B", 1, Split.TEST, Path.of("v2"), 8));
        EmbeddingSet s = EmbeddingSet.of(videos, new float[][] {{1}, {2}});
        assertEquals(List.of("A", "B"), s.classNames());
        assertEquals(List.of(Split.TRAIN, Split.TEST), s.splits());
    }

    @Test
    void inconsistentInputsAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new EmbeddingSet(
                        List.of("a"), List.of("A"), List.of(0), List.of(Split.TRAIN), new float[][] {{1}, {2}}));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new EmbeddingSet(
                        List.of("a", "b"),
                        List.of("A", "A"),
                        List.of(0, 0),
                        List.of(Split.TRAIN, Split.TRAIN),
                        new float[][] {{1}, {2, 3}}));
        assertTrue(e.getMessage().contains("video b (row 1)"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new EmbeddingSet(
                        List.of("a"), List.of("A"), List.of(-1), List.of(Split.TRAIN), new float[][] {{1}}));
    }

    @Test
    void quoting() {
        assertEquals("plain", Csv.quote("plain"));
        assertEquals("", Csv.quote(""));
        assertEquals("\"a,b\"", Csv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.quote("say \"hi\""));
        assertEquals("\"x \"", Csv.quote("x "));
    }

    @Test
    void npyAndCsvRoundTrip() throws IOException {
        EmbeddingSet s = sample();
        Path csv = tmp.resolve("emb/index.csv");
        Path npy = tmp.resolve("emb/vectors.npy");
        s.write(csv, npy);
        NpyArray raw = Npy.read(npy);
        assertArrayEquals(new long[] {4, 2}, raw.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, raw.data());
        // the data starts 64-byte aligned after a version-1 header, as numpy writes it
        byte[] bytes = Files.readAllBytes(npy);
        assertEquals(1, bytes[6]);
        assertEquals(0, (10 + (bytes[8] & 0xff) + ((bytes[9] & 0xff) << 8)) % 64);
        assertEquals(bytes.length - 8 * 4, 10 + (bytes[8] & 0xff) + ((bytes[9] & 0xff) << 8));
        EmbeddingSet back = EmbeddingSet.read(csv, npy);
        assertEquals(s, back);
        try (var files = Files.list(csv.getParent())) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void emptySetRoundTripsAndWrongShapesAreRejected() throws IOException {
        EmbeddingSet empty = new EmbeddingSet(List.of(), List.of(), List.of(), List.of(), new float[0][]);
        empty.write(tmp.resolve("e.csv"), tmp.resolve("e.npy"));
        assertEquals(
                0, EmbeddingSet.read(tmp.resolve("e.csv"), tmp.resolve("e.npy")).size());

        Path flat = tmp.resolve("flat.npy");
        Npy.write(flat, new NpyArray(new long[] {8}, new float[8]));
        sample().writeIndexCsv(tmp.resolve("i.csv"));
        IOException e = assertThrows(IOException.class, () -> EmbeddingSet.read(tmp.resolve("i.csv"), flat));
        assertTrue(e.getMessage().contains("flat.npy") && e.getMessage().contains("2-D"), e.getMessage());

        Path tooFew = tmp.resolve("few.npy");
        Npy.write(tooFew, new NpyArray(new long[] {3, 2}, new float[6]));
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> EmbeddingSet.read(tmp.resolve("i.csv"), tooFew));
        assertTrue(bad.getMessage().contains("outside the vectors file"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sample().write(tmp.resolve("same"), tmp.resolve("same")));
    }
}
