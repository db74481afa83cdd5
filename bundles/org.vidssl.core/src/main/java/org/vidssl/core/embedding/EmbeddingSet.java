package org.vidssl.core.embedding;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.core.io.Npy;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.ReadLimits;

/**
 * One embedding vector per video plus what is known about the video. Stored as two files: a CSV
 * index ({@code video_id,class,class_index,split,row}, written by {@link #writeIndexCsv(Path)}) and
 * the vectors as a float32 .npy matrix whose row {@code row} belongs to that index line.
 *
 * @param videoIds     video ids, one per vector
 * @param classNames   class names, one per vector
 * @param classIndices 0-based class indices, one per vector
 * @param splits       train or test, one per vector
 * @param vectors      the embeddings, all of the same length
 */
public record EmbeddingSet(
        List<String> videoIds,
        List<String> classNames,
        List<Integer> classIndices,
        List<Split> splits,
        float[][] vectors) {

    /** Header of the CSV index, in the order written. */
    public static final List<String> CSV_COLUMNS = List.of("video_id", "class", "class_index", "split", "row");

    public EmbeddingSet {
        videoIds = List.copyOf(videoIds);
        classNames = List.copyOf(classNames);
        classIndices = List.copyOf(classIndices);
        splits = List.copyOf(splits);
        Objects.requireNonNull(vectors, "vectors");
        int n = vectors.length;
        if (videoIds.size() != n || classNames.size() != n || classIndices.size() != n || splits.size() != n) {
            throw new IllegalArgumentException("Embedding set has " + n + " vectors but " + videoIds.size()
                    + " video ids, "
                    + classNames.size() + " class names, " + classIndices.size() + " class indices and " + splits.size()
                    + " splits: give one of each per vector.");
        }
        for (int i = 0; i < n; i++) {
            if (vectors[i] == null || vectors[i].length != vectors[0].length) {
                throw new IllegalArgumentException("Embedding of video " + videoIds.get(i) + " (row " + i + ") has "
                        + (vectors[i] == null ? "no" : vectors[i].length) + " values, expected " + vectors[0].length
                        + ": all embeddings must come from the same encoder and feature type.");
            }
            if (classIndices.get(i) < 0) {
                throw new IllegalArgumentException("Video " + videoIds.get(i) + " (row " + i + ") has class index "
                        + classIndices.get(i) + ": class indices start at 0.");
            }
        }
    }

    /** An embedding set for dataset videos, vectors in the same order. */
    public static EmbeddingSet of(List<VideoEntry> videos, float[][] vectors) {
        return new EmbeddingSet(
                videos.stream().map(VideoEntry::videoId).toList(),
                videos.stream().map(VideoEntry::className).toList(),
                videos.stream().map(VideoEntry::classIndex).toList(),
                videos.stream().map(VideoEntry::split).toList(),
                vectors);
    }

    public int size() {
        return vectors.length;
    }

    /** Length of each vector (0 when the set is empty). */
    public int dimension() {
        return vectors.length == 0 ? 0 : vectors[0].length;
    }

    /** Class indices as an array, e.g. for {@code TopKAccuracy}. */
    public int[] classIndexArray() {
        return classIndices.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The videos of one split, in this set's order (vectors are shared, not copied). */
    public EmbeddingSet select(Split split) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (splits.get(i) == split) {
                rows.add(i);
            }
        }
        float[][] v = new float[rows.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = vectors[rows.get(i)];
        }
        return new EmbeddingSet(
                rows.stream().map(videoIds::get).toList(),
                rows.stream().map(classNames::get).toList(),
                rows.stream().map(classIndices::get).toList(),
                rows.stream().map(splits::get).toList(),
                v);
    }

    // ---------------------------------------------------------------- CSV index

    /** Writes the CSV index atomically (temporary file, then move); row = position in {@link #vectors()}. */
    public void writeIndexCsv(Path file) throws IOException {
        AtomicFiles.write(file, this::writeIndexCsv);
    }

    private void writeIndexCsv(OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(String.join(",", CSV_COLUMNS));
        w.write("\n");
        for (int i = 0; i < size(); i++) {
            w.write(Csv.quote(videoIds.get(i)) + "," + Csv.quote(classNames.get(i)) + "," + classIndices.get(i) + ","
                    + splits.get(i).label() + "," + i + "\n");
        }
        w.flush();
    }

    /**
     * Reads a CSV index and attaches the vectors: index line with {@code row = r} gets {@code vectors[r]}.
     * Columns may come in any order; every error names the file and line.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the index is malformed or does not match the vectors
     */
    public static EmbeddingSet readIndexCsv(Path file, float[][] vectors) throws IOException {
        String text = new String(ReadLimits.readFile(file, ReadLimits.MAX_TEXT_BYTES), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Csv.Record> records = Csv.parse(file, text);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": the index is empty; expected the header " + String.join(",", CSV_COLUMNS) + ".");
        }
        Csv.Record header = records.get(0);
        Map<String, Integer> column = new HashMap<>();
        for (int c = 0; c < header.fields().size(); c++) {
            column.put(header.fields().get(c).strip().toLowerCase(Locale.ROOT), c);
        }
        for (String name : CSV_COLUMNS) {
            if (!column.containsKey(name)) {
                throw new IllegalArgumentException(file + ":" + header.line() + ": column '" + name
                        + "' is missing; the header must name " + String.join(",", CSV_COLUMNS) + ".");
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        List<Split> splits = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        boolean[] used = new boolean[vectors.length];
        for (Csv.Record r : records.subList(1, records.size())) {
            if (r.fields().size() == 1 && r.fields().get(0).isBlank()) {
                continue;
            }
            if (r.fields().size() != header.fields().size()) {
                throw new IllegalArgumentException(
                        file + ":" + r.line() + ": " + r.fields().size() + " fields, but the header has "
                                + header.fields().size() + ": quote fields that contain commas.");
            }
            String where = file + ":" + r.line() + ": ";
            int classIndex = parseInt(where, "class_index", r.fields().get(column.get("class_index")));
            int row = parseInt(where, "row", r.fields().get(column.get("row")));
            Split split;
            try {
                split = Split.parse(r.fields().get(column.get("split")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        where + "split '" + r.fields().get(column.get("split")) + "' is neither train nor test.");
            }
            if (row < 0 || row >= vectors.length) {
                throw new IllegalArgumentException(where + "row " + row + " is outside the vectors file, which has "
                        + vectors.length + " rows: the index and the vectors file do not belong together.");
            }
            if (used[row]) {
                throw new IllegalArgumentException(
                        where + "row " + row + " is used by two index lines: each vector belongs to one video.");
            }
            used[row] = true;
            ids.add(r.fields().get(column.get("video_id")));
            names.add(r.fields().get(column.get("class")));
            indices.add(classIndex);
            splits.add(split);
            rows.add(vectors[row]);
        }
        if (rows.size() != vectors.length) {
            throw new IllegalArgumentException(
                    file + ": the index lists " + rows.size() + " videos but the vectors file has " + vectors.length
                            + " rows: the index and the vectors file do not belong together.");
        }
        return new EmbeddingSet(ids, names, indices, splits, rows.toArray(new float[0][]));
    }

    /**
     * Reads an embedding set stored as a CSV index plus a .npy vectors file (a 2-D float32 matrix, or any
     * dtype {@link Npy} reads), as {@link #write} stores it; Python reads the same pair with
     * {@code np.load(vectors)} and {@code pandas.read_csv(index)}.
     *
     * @throws IOException              when a file cannot be read or the .npy file is not a 2-D matrix
     * @throws IllegalArgumentException when the index is malformed or does not match the vectors
     */
    public static EmbeddingSet read(Path indexCsv, Path vectorsNpy) throws IOException {
        NpyArray matrix = Npy.read(vectorsNpy);
        long[] shape = matrix.shape();
        if (shape.length != 2) {
            throw new IOException(vectorsNpy + " holds an array of shape " + Arrays.toString(shape)
                    + "; embeddings are a 2-D matrix (videos x dimension): save them with np.save(file, vectors_2d).");
        }
        if (shape[1] == 0 && shape[0] > 0) {
            throw new IOException(vectorsNpy + " holds " + shape[0] + " embeddings of 0 values (shape "
                    + Arrays.toString(shape) + "): extract the embeddings again.");
        }
        int rows = (int) shape[0];
        int columns = (int) shape[1];
        float[] flat = matrix.data();
        float[][] vectors = new float[rows][];
        for (int r = 0; r < rows; r++) {
            vectors[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return readIndexCsv(indexCsv, vectors);
    }

    /**
     * Writes this set as a CSV index ({@link #writeIndexCsv}) plus a float32 .npy matrix of shape
     * (videos, dimension) whose row r belongs to the index line with {@code row = r}. The two files appear
     * together or not at all: when anything fails, both keep their previous content.
     */
    public void write(Path indexCsv, Path vectorsNpy) throws IOException {
        if (indexCsv.toAbsolutePath()
                .normalize()
                .equals(vectorsNpy.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(
                    "The index and the vectors file are both " + indexCsv + ": give two different files.");
        }
        Map<Path, AtomicFiles.Writer> files = new LinkedHashMap<>();
        files.put(vectorsNpy, out -> Npy.writeMatrix(out, vectors));
        files.put(indexCsv, this::writeIndexCsv);
        AtomicFiles.writeAll(files);
    }

    private static int parseInt(String where, String column, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + column + " '" + value
                    + "' is not a whole number: the index is damaged; extract the embeddings again.");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingSet e
                && e.videoIds.equals(videoIds)
                && e.classNames.equals(classNames)
                && e.classIndices.equals(classIndices)
                && e.splits.equals(splits)
                && Arrays.deepEquals(e.vectors, vectors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(videoIds, classNames, classIndices, splits) * 31 + Arrays.deepHashCode(vectors);
    }

    @Override
    public String toString() {
        return "EmbeddingSet[" + size() + " videos x " + dimension() + "]";
    }
}
