package org.vidssl.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vidssl.core.embedding.EmbeddingSet;

/**
 * Embeddings as a Spark table: video_id, class, class_index, split, embedding (array of float), read from the
 * Parquet output of {@link SparkExtraction} or from the {@code PREFIX.npy} + {@code PREFIX.csv} pair that
 * {@code vidssl extract} writes. The second form also has a {@code row} column (the position in the .npy file):
 * retrieval then numbers the videos in file order, exactly as {@code vidssl retrieve}; Parquet input is numbered
 * in video-id order.
 */
public final class EmbeddingTable {

    public static final String VIDEO_ID = "video_id";
    public static final String CLASS = "class";
    public static final String CLASS_INDEX = "class_index";
    public static final String SPLIT = "split";
    public static final String EMBEDDING = "embedding";
    /** Position in the .npy file (CLI embeddings only): the order of the videos when present. */
    public static final String ROW = "row";

    private EmbeddingTable() {}

    /**
     * Reads embeddings: a Parquet folder or file (PREFIX also finds PREFIX.parquet), or a {@code vidssl extract} prefix
     * (PREFIX, PREFIX.npy or PREFIX.csv; read on the driver).
     */
    public static Dataset<Row> read(SparkSession spark, String location) throws IOException {
        String lower = location.toLowerCase(Locale.ROOT);
        String prefix = lower.endsWith(".npy") || lower.endsWith(".csv")
                ? location.substring(0, location.length() - 4)
                : location;
        Path npy = Path.of(prefix + ".npy");
        Path csv = Path.of(prefix + ".csv");
        if (Files.isRegularFile(npy) && Files.isRegularFile(csv)) {
            return fromSet(spark, EmbeddingSet.read(csv, npy));
        }
        // a vidssl extract PREFIX given to the extract job became PREFIX.parquet
        String parquet = !lower.endsWith(".parquet") && Files.isDirectory(Path.of(location + ".parquet"))
                ? location + ".parquet"
                : location;
        Dataset<Row> table = spark.read().parquet(parquet);
        List<String> columns = Arrays.asList(table.columns());
        for (String c : List.of(VIDEO_ID, CLASS, CLASS_INDEX, SPLIT, EMBEDDING)) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException("Embeddings " + location + " have no column " + c + " (they have "
                        + String.join(", ", columns)
                        + "): give the output of the extract job, or a vidssl extract PREFIX.");
            }
        }
        return table.select(
                col(VIDEO_ID),
                col(CLASS),
                col(CLASS_INDEX).cast("int").as(CLASS_INDEX),
                col(SPLIT),
                col(EMBEDDING).cast("array<float>").as(EMBEDDING));
    }

    /** An in-memory embedding set as a table, with its file order in {@link #ROW}. */
    public static Dataset<Row> fromSet(SparkSession spark, EmbeddingSet set) {
        StructType schema = SparkExtraction.SCHEMA.add(ROW, DataTypes.LongType, false);
        List<Row> rows = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            rows.add(RowFactory.create(
                    set.videoIds().get(i),
                    set.classNames().get(i),
                    set.classIndices().get(i),
                    set.splits().get(i).label(),
                    set.vectors()[i],
                    (long) i));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** The videos of one split (train or test). */
    public static Dataset<Row> split(Dataset<Row> table, String split) {
        return table.filter(col(SPLIT).equalTo(split));
    }

    /** Row count, shortest and longest embedding of a table, in one pass. */
    static long[] countAndDimension(Dataset<Row> table) {
        Row r = table.agg(count(lit(1)), min(size(col(EMBEDDING))), max(size(col(EMBEDDING))))
                .first();
        return r.getLong(0) == 0 ? new long[] {0, 0, 0} : new long[] {r.getLong(0), r.getInt(1), r.getInt(2)};
    }
}
