package org.vidssl.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.DeviceSpec;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vidssl spark extract}: {@code vidssl extract} as a Spark job (see {@link SparkExtraction}). */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Embed the videos of a listing on Spark, as vidssl extract does on one machine.",
            "Writes a Parquet table video_id, class, class_index, split, embedding (replaced when it exists)."
        })
final class SparkExtractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VidsslSpark.MasterOption master;

    @Option(
            names = "--listing",
            paramLabel = "FILE",
            description = "Videos: CSV or Parquet with the Video Dataset Reader's columns (see the listing command); "
                    + "or --dataset.")
    String listing;

    @Mixin
    DatasetFolderOptions dataset;

    @Option(
            names = "--encoder",
            required = true,
            paramLabel = "FILE",
            description = "Encoder file (from pretrain), read by the driver.")
    Path encoderFile;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Parquet output folder (replaced); a vidssl extract PREFIX becomes PREFIX.parquet.")
    String output;

    @Option(
            names = "--subset",
            defaultValue = "all",
            description = "Videos to embed: train, test or all. Default: ${DEFAULT-VALUE}.")
    String subset;

    @Option(
            names = "--clips",
            defaultValue = "10",
            description = "Clips per video, averaged. Default: ${DEFAULT-VALUE}.")
    int clips;

    @Option(
            names = "--view",
            defaultValue = "res",
            completionCandidates = View.Ids.class,
            description = "What the encoder sees: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String view;

    @Option(names = "--feature", defaultValue = "conv", description = "conv or pooled. Default: ${DEFAULT-VALUE}.")
    String feature;

    @Option(names = "--merge", description = "Concatenate the RGB feature and the --view feature.")
    boolean merge;

    @Option(
            names = "--resize",
            defaultValue = "128x171",
            description = "Frames are resized to HxW first. Default: ${DEFAULT-VALUE}.")
    String resize;

    @Option(names = "--clip-len", description = "Frames per clip. Default: the encoder's training clip length.")
    Integer clipLength;

    @Option(names = "--crop", description = "Centre crop side. Default: the encoder's training crop.")
    Integer crop;

    @Option(
            names = "--flow",
            paramLabel = "DIR",
            description = "Optical-flow root with u/ and v/, readable by every executor.")
    String flow;

    @Option(
            names = "--batch-size",
            defaultValue = "8",
            description = "Clips per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            description = DeviceSpec.SYNTAX + " on every executor. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Decoding threads per task and PyTorch threads per executor (match spark.executor.cores). "
                    + "Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(
            names = "--partitions",
            description = "Tasks the videos are spread over. Default: Spark's default parallelism.")
    Integer partitions;

    @Override
    public Integer call() throws Exception {
        if ((listing == null) == (dataset.root == null)) {
            throw new IllegalArgumentException("Give the videos either as --listing FILE or as --dataset DIR.");
        }
        if (!Files.isRegularFile(encoderFile)) {
            throw new IllegalArgumentException(
                    "Encoder file " + encoderFile + " does not exist: give the file pretrain wrote.");
        }
        EncoderHeader header = EncoderFile.readHeader(encoderFile);
        int[] size = parseSize(resize);
        ExtractSpec extract = new ExtractSpec(
                        clips,
                        view,
                        feature,
                        merge,
                        batchSize,
                        device,
                        threads,
                        clipLength != null ? clipLength : header.input().frames(),
                        size[0],
                        size[1],
                        crop != null ? crop : header.input().height(),
                        flow)
                .validate();
        byte[] bytes = Files.readAllBytes(encoderFile);
        output = parquetFolder(output);
        SparkSession spark = master.session("vidssl extract");
        long start = System.nanoTime();
        int tasks = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        Dataset<Row> videos = listing != null
                ? VideoListing.read(spark, listing, subset)
                : VideoListing.of(spark, dataset.read().videos(), subset);
        long written = SparkExtraction.run(spark, videos, bytes, extract, tasks, output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "Embedded %d videos in %d tasks in %.1f s; wrote %s%n",
                written,
                tasks,
                (System.nanoTime() - start) / 1e9,
                output);
        out.flush();
        return 0;
    }

    /** The output folder: PREFIX, PREFIX.npy or PREFIX.csv (vidssl extract's output names) become PREFIX.parquet. */
    static String parquetFolder(String output) {
        String lower = output.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet")) {
            return output;
        }
        return (lower.endsWith(".npy") || lower.endsWith(".csv") ? output.substring(0, output.length() - 4) : output)
                + ".parquet";
    }

    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--resize is '" + text + "': write HxW, e.g. 128x171.");
    }
}
