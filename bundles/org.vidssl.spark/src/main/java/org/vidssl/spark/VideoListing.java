package org.vidssl.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.io.AtomicFiles;

/**
 * A dataset listing: one row per video, the columns of the Video Dataset Reader's table ({@code Video ID, Class,
 * Class index, Split, Path, Frames}, optionally the Frame Extractor's {@code Frame folder}), as a CSV file with a
 * header or as Parquet. Column names are matched ignoring case, blanks and underscores, so KNIME's CSV Writer output
 * ({@code "Video ID"}) and this module's own {@code video_id} both work. Paths must be readable by every executor.
 */
public final class VideoListing {

    public static final String VIDEO_ID = "video_id";
    public static final String CLASS = "class";
    public static final String CLASS_INDEX = "class_index";
    public static final String SPLIT = "split";
    public static final String PATH = "path";
    public static final String FRAMES = "frames";
    public static final String FRAME_FOLDER = "frame_folder";
    /** The clip source of a row: the frame folder when there is one, else the path. */
    public static final String SOURCE = "source";

    private static final List<String> REQUIRED = List.of(VIDEO_ID, CLASS, CLASS_INDEX, SPLIT, PATH);

    private VideoListing() {}

    /**
     * Reads a listing (Parquet when the name ends in .parquet or it is a folder, CSV otherwise) as the columns
     * video_id, class, class_index (int), split (train/test), source and frames (int, null when unknown), keeping
     * the videos of {@code subset} (train, test or all). Every problem names the file and the column or videos.
     */
    public static Dataset<Row> read(SparkSession spark, String file, String subset) {
        boolean parquet =
                file.toLowerCase(Locale.ROOT).endsWith(".parquet") || java.nio.file.Files.isDirectory(Path.of(file));
        Dataset<Row> raw = parquet
                ? spark.read().parquet(file)
                : spark.read()
                        .option("header", true)
                        .option("escape", "\"")
                        .option("multiLine", true)
                        .csv(file);
        for (String name : raw.columns()) {
            raw = raw.withColumnRenamed(name, normalise(name));
        }
        List<String> columns = Arrays.asList(raw.columns());
        List<String> missing =
                REQUIRED.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Listing " + file + " has no column " + String.join(", ", missing)
                    + " (it has "
                    + String.join(", ", columns) + "): write the Video Dataset Reader's table, or run `listing`.");
        }
        Column frameFolder = columns.contains(FRAME_FOLDER)
                ? when(
                        trim(col(FRAME_FOLDER).cast("string")).notEqual(""),
                        col(FRAME_FOLDER).cast("string"))
                : lit(null).cast("string");
        Column frames =
                columns.contains(FRAMES) ? col(FRAMES).cast("int") : lit(null).cast("int");
        Dataset<Row> listing = raw.select(
                col(VIDEO_ID).cast("string").as(VIDEO_ID),
                col(CLASS).cast("string").as(CLASS),
                trim(col(CLASS_INDEX).cast("string")).cast("int").as(CLASS_INDEX),
                lower(trim(col(SPLIT).cast("string"))).as(SPLIT),
                coalesce(frameFolder, col(PATH).cast("string")).as(SOURCE),
                // a frame folder's frames are counted when read; the Frames column counts the video's frames
                when(frameFolder.isNull(), frames).as(FRAMES));
        checkRows(listing, file);
        return switch (subset.toLowerCase(Locale.ROOT)) {
            case "all" -> listing;
            case "train", "test" -> listing.filter(col(SPLIT).equalTo(subset.toLowerCase(Locale.ROOT)));
            default ->
                throw new IllegalArgumentException("Subset '" + subset + "' is not known: use train, test or all.");
        };
    }

    /** The videos of a dataset read on the driver, as {@link #read} gives a listing file's. */
    public static Dataset<Row> of(SparkSession spark, List<VideoEntry> videos, String subset) {
        StructType schema = new StructType()
                .add(VIDEO_ID, DataTypes.StringType, false)
                .add(CLASS, DataTypes.StringType, false)
                .add(CLASS_INDEX, DataTypes.IntegerType, false)
                .add(SPLIT, DataTypes.StringType, false)
                .add(SOURCE, DataTypes.StringType, false)
                .add(FRAMES, DataTypes.IntegerType, true);
        List<Row> rows = new ArrayList<>(videos.size());
        for (VideoEntry v : videos) {
            if (subset.equalsIgnoreCase("all") || v.split().label().equalsIgnoreCase(subset)) {
                rows.add(RowFactory.create(
                        v.videoId(),
                        v.className(),
                        v.classIndex(),
                        v.split().label(),
                        v.source().toAbsolutePath().toString(),
                        v.frameCount() < 0 ? null : v.frameCount()));
            }
        }
        if (!List.of("all", "train", "test").contains(subset.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Subset '" + subset + "' is not known: use train, test or all.");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("The dataset has no " + subset + " videos.");
        }
        return spark.createDataFrame(rows, schema);
    }

    /** The engine's entry for a row of {@link #read}. */
    static VideoEntry entry(Row row) {
        Integer frames = row.isNullAt(row.fieldIndex(FRAMES)) ? null : row.getInt(row.fieldIndex(FRAMES));
        return new VideoEntry(
                row.getString(row.fieldIndex(VIDEO_ID)),
                row.getString(row.fieldIndex(CLASS)),
                row.getInt(row.fieldIndex(CLASS_INDEX)),
                Split.parse(row.getString(row.fieldIndex(SPLIT))),
                Path.of(row.getString(row.fieldIndex(SOURCE))),
                frames == null ? -1 : frames);
    }

    /** Writes a listing CSV of the videos (columns video_id, class, class_index, split, path, frames), atomically. */
    public static void writeCsv(Path file, List<VideoEntry> videos) throws IOException {
        StringBuilder s =
                new StringBuilder(String.join(",", VIDEO_ID, CLASS, CLASS_INDEX, SPLIT, PATH, FRAMES)).append('\n');
        for (VideoEntry v : videos) {
            s.append(quote(v.videoId()))
                    .append(',')
                    .append(quote(v.className()))
                    .append(',')
                    .append(v.classIndex())
                    .append(',')
                    .append(v.split().label())
                    .append(',')
                    .append(quote(v.source().toAbsolutePath().toString()))
                    .append(',')
                    .append(v.frameCount() < 0 ? "" : Integer.toString(v.frameCount()))
                    .append('\n');
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static String normalise(String column) {
        return column.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    private static String quote(String field) {
        boolean needs = field.indexOf(',') >= 0
                || field.indexOf('"') >= 0
                || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** Fails on rows the engine cannot use and on repeated video ids (the id is the key of the output). */
    private static void checkRows(Dataset<Row> listing, String file) {
        Dataset<Row> bad = listing.filter(col(VIDEO_ID)
                .isNull()
                .or(col(CLASS).isNull())
                .or(col(CLASS_INDEX).isNull())
                .or(col(CLASS_INDEX).lt(0))
                .or(col(SOURCE).isNull())
                .or(col(SPLIT).isNull())
                .or(col(SPLIT).isin("train", "test").unary_$bang()));
        List<Row> examples = bad.limit(3).collectAsList();
        if (!examples.isEmpty()) {
            throw new IllegalArgumentException("Listing " + file + " has " + bad.count() + " unusable row(s), e.g. "
                    + examples.stream().map(Row::toString).collect(Collectors.joining("; "))
                    + ": every row needs a video id, a class, a class index of 0 or more, split train or test, "
                    + "and a path.");
        }
        List<String> repeated = new ArrayList<>();
        for (Row r : listing.groupBy(VIDEO_ID)
                .count()
                .filter(col("count").gt(1))
                .limit(5)
                .collectAsList()) {
            repeated.add(r.getString(0) + " (" + r.getLong(1) + " times)");
        }
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException("Listing " + file + " repeats video ids " + String.join(", ", repeated)
                    + ": each video must appear once (the id keys its embedding).");
        }
    }
}
