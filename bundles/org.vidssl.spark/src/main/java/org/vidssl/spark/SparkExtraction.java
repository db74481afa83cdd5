package org.vidssl.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.extract.EmbeddingExtractor;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.video.clips.ClipSources;

/**
 * The extraction job: the videos of a listing are hash-partitioned by id across the executors; each task embeds
 * its videos with the engine's {@link EmbeddingExtractor} (the same code as {@code vidssl extract}), using the
 * executor's one copy of the encoder, and the rows (id, class, class index, split, embedding) are written as Parquet.
 * <p>
 * Idempotent: a partition's content depends only on the listing and the partition count (hash of the id), its rows
 * are embedded in id order, and the output is written with mode overwrite through Spark's commit protocol, so a
 * retried or speculative task never adds rows (only the committed attempt's file is kept) and a rerun replaces the
 * previous output instead of appending to it. A video that cannot be decoded fails its task, and so the job:
 * nothing is silently left out.
 */
public final class SparkExtraction {

    /** Schema of the embeddings table written by this job (and read by {@link SparkRetrieval}). */
    public static final StructType SCHEMA = new StructType()
            .add(EmbeddingTable.VIDEO_ID, DataTypes.StringType, false)
            .add(EmbeddingTable.CLASS, DataTypes.StringType, false)
            .add(EmbeddingTable.CLASS_INDEX, DataTypes.IntegerType, false)
            .add(EmbeddingTable.SPLIT, DataTypes.StringType, false)
            .add(EmbeddingTable.EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private SparkExtraction() {}

    /**
     * Embeds every video of {@code listing} (see {@link VideoListing#read}) and writes the embeddings table to
     * {@code output} (Parquet, replaced when it exists).
     *
     * @param encoderFile the bytes of an encoder file; broadcast once, loaded once per executor
     * @param partitions  how many tasks share the videos
     * @return the number of videos written
     */
    public static long run(
            SparkSession spark,
            Dataset<Row> listing,
            byte[] encoderFile,
            ExtractSpec spec,
            int partitions,
            String output) {
        spec.validate();
        if (partitions < 1) {
            throw new IllegalArgumentException("Partitions is " + partitions + ": use 1 or more.");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> encoder = sc.broadcast(encoderFile);
        try {
            JavaRDD<Row> rows = listing.repartition(partitions, col(VideoListing.VIDEO_ID))
                    .javaRDD()
                    .mapPartitions(videos -> embed(videos, encoder.value(), spec));
            Dataset<Row> embeddings = spark.createDataFrame(rows, SCHEMA);
            embeddings.write().mode(SaveMode.Overwrite).parquet(output);
            return spark.read().parquet(output).count();
        } finally {
            encoder.destroy();
        }
    }

    /** One task: the partition's videos in id order, embedded as {@code vidssl extract} embeds them. */
    static Iterator<Row> embed(Iterator<Row> rows, byte[] encoderFile, ExtractSpec spec) throws IOException {
        List<VideoEntry> videos = new ArrayList<>();
        rows.forEachRemaining(r -> videos.add(VideoListing.entry(r)));
        if (videos.isEmpty()) {
            return List.<Row>of().iterator();
        }
        videos.sort(Comparator.comparing(VideoEntry::videoId));
        VideoEncoder encoder = ExecutorEncoders.get(encoderFile, spec.device(), spec.threads());
        EmbeddingSet set;
        try (ClipSource source = ClipSources.open(videos, spec.clipSettings(), spec.flowFolders())) {
            set = new EmbeddingExtractor(encoder, spec.extractSettings())
                    .extract(source, Progress.NONE)
                    .videos();
        }
        List<Row> out = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            out.add(RowFactory.create(
                    set.videoIds().get(i),
                    set.classNames().get(i),
                    set.classIndices().get(i),
                    set.splits().get(i).label(),
                    set.vectors()[i]));
        }
        return out.iterator();
    }
}
