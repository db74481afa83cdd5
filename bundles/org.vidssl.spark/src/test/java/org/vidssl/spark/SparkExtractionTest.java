package org.vidssl.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.extract.EmbeddingExtractor;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.retrieval.TorchDotProductBlock;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.decode.ExtractionResult;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.decode.FrameExtractor;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;
import picocli.CommandLine;

/**
 * The extraction job against the one-machine extractor: a tiny synthetic set (3 classes x 4 MP4 videos, two of them
 * given as frame folders), a random-init width-4 R3D, embedded in three Spark tasks.
 */
class SparkExtractionTest {

    private static final SyntheticSettings SYNTH =
            new SyntheticSettings(3, 4, 12, 32, 43, SyntheticSettings.Container.MP4, 0.25, 5);
    /** 2 clips of 8x28x28 per video, one video per forward pass on both sides (the same batches, so the same sums). */
    private static final ExtractSpec SPEC = new ExtractSpec(2, "res", "conv", false, 2, "cpu", 1, 8, 32, 43, 28, null);

    @TempDir
    static Path dir;

    static List<VideoEntry> videos;
    static Path listing;
    static Path encoderFile;

    @BeforeAll
    static void writeVideosAndEncoder() throws Exception {
        Path root = SyntheticMotionDataset.generate(SYNTH, dir.resolve("videos"), Progress.NONE);
        List<VideoEntry> files = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), Progress.NONE)
                .videos();
        // two videos as the Frame Extractor's JPEG folders: the listing then has a Frame folder column
        List<ExtractionResult> decoded = new FrameExtractor(new FrameExtractionSettings(32, 43, 95, 1))
                .extract(files.subList(0, 2), dir.resolve("frames"), Progress.NONE);
        videos = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            videos.add(i < 2 ? decoded.get(i).asFrameFolderEntry() : files.get(i));
        }
        // the Video Dataset Reader's table as KNIME's CSV Writer writes it (+ the Frame Extractor's column)
        StringBuilder csv = new StringBuilder(
                "\"Video ID\",\"Class\",\"Class index\",\"Split\",\"Path\",\"Frames\",\"Frame folder\"\n");
        for (int i = 0; i < files.size(); i++) {
            VideoEntry v = files.get(i);
            csv.append(v.videoId())
                    .append(',')
                    .append(v.className())
                    .append(',')
                    .append(v.classIndex())
                    .append(',')
                    .append(v.split().label())
                    .append(",\"")
                    .append(v.source().toAbsolutePath())
                    .append("\",")
                    .append(v.frameCount() < 0 ? "" : v.frameCount())
                    .append(',')
                    .append(i < 2 ? videos.get(i).source().toAbsolutePath().toString() : "")
                    .append('\n');
        }
        listing = dir.resolve("videos.csv");
        Files.writeString(listing, csv, StandardCharsets.UTF_8);
        encoderFile = dir.resolve("encoder.vidssl");
        TorchRuntime.engine();
        EncoderHeader header =
                new EncoderHeader(Backbone.R3D, 0, new InputSpec(8, 28, 28), "res", Map.of(), 0, Map.of(), null, 4);
        try (VideoEncoder encoder = VideoEncoder.create(header, Device.cpu(), 3)) {
            EncoderFile.save(encoderFile, encoder);
        }
    }

    @Test
    void embeddingsEqualTheOneMachineExtractorAndARerunDoesNotDuplicateRows() throws Exception {
        EmbeddingSet oneMachine;
        try (VideoEncoder encoder = EncoderFile.load(encoderFile, Device.cpu());
                ClipSource source = ClipSources.open(videos, SPEC.clipSettings(), null)) {
            oneMachine = new EmbeddingExtractor(encoder, SPEC.extractSettings())
                    .extract(source, Progress.NONE)
                    .videos();
        }
        SparkSession spark = TestSpark.session();
        byte[] bytes = Files.readAllBytes(encoderFile);
        String output = dir.resolve("embeddings").toString();
        int loadsBefore = ExecutorEncoders.loads();
        for (int run = 0; run < 2; run++) {
            long written = SparkExtraction.run(
                    spark, VideoListing.read(spark, listing.toString(), "all"), bytes, SPEC, 3, output);
            assertEquals(videos.size(), written, "run " + run);
            Dataset<Row> table = spark.read().parquet(output);
            assertEquals(videos.size(), table.count(), "rows after run " + run);
            assertEquals(videos.size(), table.select("video_id").distinct().count(), "distinct ids after run " + run);
            Map<String, Row> byId = new HashMap<>();
            table.collectAsList().forEach(r -> byId.put(r.getString(0), r));
            for (int i = 0; i < oneMachine.size(); i++) {
                Row r = byId.get(oneMachine.videoIds().get(i));
                assertEquals(oneMachine.classNames().get(i), r.getString(1));
                assertEquals(oneMachine.classIndices().get(i).intValue(), r.getInt(2));
                assertEquals(oneMachine.splits().get(i).label(), r.getString(3));
                List<Float> values = r.getList(4);
                float[] v = new float[values.size()];
                for (int c = 0; c < v.length; c++) {
                    v[c] = values.get(c);
                }
                assertArrayEquals(
                        oneMachine.vectors()[i],
                        v,
                        0f,
                        "embedding of " + oneMachine.videoIds().get(i));
            }
        }
        // one JVM (local mode) is one executor: the encoder was loaded once for both runs and all tasks
        assertEquals(loadsBefore + 1, ExecutorEncoders.loads());

        // the output feeds the retrieve job, which numbers Parquet videos in id order
        Dataset<Row> table = EmbeddingTable.read(spark, output);
        RetrievalSettings settings = RetrievalSettings.DEFAULTS.withKs(1, 3);
        SparkRetrieval.Result retrieved = SparkRetrieval.run(
                spark,
                EmbeddingTable.split(table, "train"),
                EmbeddingTable.split(table, "test"),
                settings,
                SparkRetrieval.Options.DEFAULTS);
        retrieved.neighbours().unpersist();
        Integer[] byId = new Integer[oneMachine.size()];
        for (int i = 0; i < byId.length; i++) {
            byId[i] = i;
        }
        EmbeddingSet set = oneMachine;
        java.util.Arrays.sort(
                byId, java.util.Comparator.comparing(i -> set.videoIds().get(i)));
        EmbeddingSet sorted = new EmbeddingSet(
                java.util.Arrays.stream(byId).map(set.videoIds()::get).toList(),
                java.util.Arrays.stream(byId).map(set.classNames()::get).toList(),
                java.util.Arrays.stream(byId).map(set.classIndices()::get).toList(),
                java.util.Arrays.stream(byId).map(set.splits()::get).toList(),
                java.util.Arrays.stream(byId).map(i -> set.vectors()[i]).toArray(float[][]::new));
        try (TorchDotProductBlock dots = new TorchDotProductBlock(Device.cpu())) {
            assertEquals(KnnSearch.evaluate(sorted, settings, 1, dots, Progress.NONE), retrieved.accuracy());
        }
    }

    @Test
    void extractCommandEmbedsASubsetFromAListingItWrote() throws Exception {
        Path ownListing = dir.resolve("listing.csv");
        StringWriter text = new StringWriter();
        CommandLine cli = VidsslSpark.commandLine();
        cli.setOut(new PrintWriter(text));
        assertEquals(
                0,
                cli.execute(
                        "listing", "--dataset", dir.resolve("videos").toString(), "--output", ownListing.toString()),
                text::toString);
        TestSpark.session();
        Path output = dir.resolve("test-embeddings");
        assertEquals(
                0,
                cli.execute(
                        "extract",
                        "--master",
                        "local[2]",
                        "--listing",
                        ownListing.toString(),
                        "--subset",
                        "test",
                        "--encoder",
                        encoderFile.toString(),
                        "--output",
                        output.toString(),
                        "--clips",
                        "2",
                        "--resize",
                        "32x43",
                        "--feature",
                        "pooled",
                        "--threads",
                        "1",
                        "--partitions",
                        "2"),
                text::toString);
        Dataset<Row> table = TestSpark.session().read().parquet(output + ".parquet");
        long tests =
                videos.stream().filter(v -> v.split().label().equals("test")).count();
        assertEquals(tests, table.count());
        assertEquals(1, table.select("split").distinct().count());
        assertEquals(4 * 8, table.first().<Float>getList(4).size(), "pooled feature of a width-4 R3D: 32 channels");
    }

    @Test
    void aParquetListingReadsAsTheCsvOne() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> csv = VideoListing.read(spark, listing.toString(), "all");
        String parquet = dir.resolve("videos.parquet").toString();
        // KNIME's column names survive in Parquet too
        spark.read()
                .option("header", true)
                .option("escape", "\"")
                .csv(listing.toString())
                .write()
                .mode("overwrite")
                .parquet(parquet);
        Dataset<Row> fromParquet = VideoListing.read(spark, parquet, "all");
        assertEquals(
                csv.orderBy(VideoListing.VIDEO_ID).collectAsList(),
                fromParquet.orderBy(VideoListing.VIDEO_ID).collectAsList());
        assertEquals(
                2, csv.filter(csv.col(VideoListing.SOURCE).contains("frames")).count(), "two frame folders");
    }

    @Test
    void aListingWithoutAPathColumnIsNamed() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "video_id,class,class_index,split\nv1,a,0,train\n", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> VideoListing.read(TestSpark.session(), bad.toString(), "all"));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("path"), e.getMessage());
    }
}
