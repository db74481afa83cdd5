package org.vidssl.spark;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.commons.io.file.PathUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vidssl spark bench}: extraction and retrieval throughput in Spark local mode at 1 and 2 cores (or
 * {@code --cores}) on the same data, each in a fresh local session. Extraction embeds generated synthetic videos with
 * a random-init R3D; retrieval searches seeded Gaussian embeddings of {@code --shape} queries x database x dimension.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Throughput of the extract and retrieve jobs in Spark local mode at several core counts.")
final class SparkBenchCommand implements Callable<Integer> {

    enum Part {
        extract,
        retrieve
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--only", split = ",", description = "Parts to run: extract, retrieve. Default: both.")
    List<Part> only;

    @Option(
            names = "--cores",
            split = ",",
            defaultValue = "1,2",
            description = "Local core counts to compare. Default: ${DEFAULT-VALUE}.")
    List<Integer> cores;

    @Option(
            names = "--videos-per-class",
            defaultValue = "8",
            description = "Synthetic videos per class (10 classes). Default: ${DEFAULT-VALUE}.")
    int videosPerClass;

    @Option(
            names = "--width",
            defaultValue = "8",
            description = "Width of the random-init R3D. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(
            names = "--shape",
            defaultValue = "20000x20000x512",
            description = "Retrieval queries x database x dimension. Default: ${DEFAULT-VALUE}.")
    String shape;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Scratch folder (deleted afterwards). Default: a temporary folder.")
    Path work;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("vidssl-spark-bench");
        try {
            if (only == null || only.contains(Part.extract)) {
                extract(dir, out);
            }
            if (only == null || only.contains(Part.retrieve)) {
                retrieve(dir, out);
            }
        } finally {
            PathUtils.deleteDirectory(dir);
        }
        return 0;
    }

    private void extract(Path dir, PrintWriter out) throws Exception {
        SyntheticSettings synth =
                new SyntheticSettings(10, videosPerClass, 24, 32, 43, SyntheticSettings.Container.MP4, 0.25, 7);
        Path dataset = SyntheticMotionDataset.generate(synth, dir.resolve("videos"), Progress.NONE);
        Path listing = dir.resolve("videos.csv");
        VideoListing.writeCsv(
                listing,
                DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(dataset), Progress.NONE)
                        .videos());
        Path encoderFile = dir.resolve("encoder.vidssl");
        TorchRuntime.engine();
        EncoderHeader header =
                new EncoderHeader(Backbone.R3D, 0, new InputSpec(8, 28, 28), "res", Map.of(), 0, Map.of(), null, width);
        try (VideoEncoder encoder = VideoEncoder.create(header, Device.cpu(), 1)) {
            EncoderFile.save(encoderFile, encoder);
        }
        byte[] bytes = Files.readAllBytes(encoderFile);
        ExtractSpec extractSpec = new ExtractSpec(10, "res", "conv", false, 10, "cpu", 1, 8, 32, 43, 28, null);
        out.printf(
                Locale.ROOT,
                "extract: %d synthetic videos (24 frames, 32x43), R3D width %d, 10 clips of 8x28x28 per video%n",
                10 * videosPerClass,
                width);
        try (SparkSession spark = LocalSessions.start(cores.get(0))) { // warm-up (JIT, natives), not timed
            SparkExtraction.run(
                    spark,
                    VideoListing.read(spark, listing.toString(), "all").limit(10),
                    bytes,
                    extractSpec,
                    1,
                    dir.resolve("warm-up").toString());
        }
        for (int n : cores) {
            try (SparkSession spark = LocalSessions.start(n)) {
                long start = System.nanoTime();
                long cpu = processCpuNanos();
                long videos = SparkExtraction.run(
                        spark,
                        VideoListing.read(spark, listing.toString(), "all"),
                        bytes,
                        extractSpec,
                        2 * n,
                        dir.resolve("embeddings-" + n).toString());
                double s = (System.nanoTime() - start) / 1e9;
                out.printf(
                        Locale.ROOT,
                        "  local[%d]: %d videos in %.1f s = %.2f videos/s (process CPU %.1f s)%n",
                        n,
                        videos,
                        s,
                        videos / s,
                        (processCpuNanos() - cpu) / 1e9);
                out.flush();
            }
        }
    }

    private void retrieve(Path dir, PrintWriter out) {
        String[] parts = shape.toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "--shape is '" + shape + "': write QUERIESxDATABASExDIMENSION, e.g. 20000x20000x512.");
        }
        int nq = Integer.parseInt(parts[0]);
        int nd = Integer.parseInt(parts[1]);
        int dim = Integer.parseInt(parts[2]);
        out.printf(Locale.ROOT, "retrieve: %d queries x %d database x %d-d, cosine, k up to 50%n", nq, nd, dim);
        try (SparkSession spark = LocalSessions.start(cores.get(0))) { // warm-up (JIT, natives), not timed
            Dataset<Row> db = gaussian(spark, "d", 1000, dim, 2, "train");
            Dataset<Row> queries = gaussian(spark, "q", 1000, dim, 1, "test");
            SparkRetrieval.run(
                            spark,
                            db,
                            queries,
                            RetrievalSettings.DEFAULTS,
                            new SparkRetrieval.Options("cpu", 1, 4096, 2048))
                    .neighbours()
                    .unpersist();
        }
        for (int n : cores) {
            try (SparkSession spark = LocalSessions.start(n)) {
                Dataset<Row> queries = gaussian(spark, "q", nq, dim, 1, "test");
                Dataset<Row> db = gaussian(spark, "d", nd, dim, 2, "train");
                long start = System.nanoTime();
                long cpu = processCpuNanos();
                SparkRetrieval.Result r = SparkRetrieval.run(
                        spark,
                        db,
                        queries,
                        RetrievalSettings.DEFAULTS,
                        new SparkRetrieval.Options(
                                "cpu",
                                1,
                                SparkRetrieval.Options.DEFAULTS.queryChunk(),
                                SparkRetrieval.Options.DEFAULTS.databaseChunk()));
                double s = (System.nanoTime() - start) / 1e9;
                r.neighbours().unpersist();
                out.printf(
                        Locale.ROOT,
                        "  local[%d]: %.1f s = %.0f queries/s, %.3f G pairs/s (process CPU %.1f s; top-1 %.1f%%)%n",
                        n,
                        s,
                        nq / s,
                        (double) nq * nd / s / 1e9,
                        (processCpuNanos() - cpu) / 1e9,
                        100 * r.accuracy().accuracyAt(0));
                out.flush();
            }
        }
    }

    /** CPU time of this process so far: on a shared machine, wall time alone hides how much the run got. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Seeded Gaussian embeddings with 10 classes, as an embeddings table in file order. */
    private static Dataset<Row> gaussian(SparkSession spark, String prefix, int n, int dim, long seed, String split) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            for (int c = 0; c < dim; c++) {
                v[c] = (float) random.nextGaussian();
            }
            rows.add(RowFactory.create(
                    String.format(Locale.ROOT, "%s%08d", prefix, i), "c" + (i % 10), i % 10, split, v, (long) i));
        }
        return spark.createDataFrame(rows, SparkExtraction.SCHEMA.add(EmbeddingTable.ROW, "long", false));
    }
}
