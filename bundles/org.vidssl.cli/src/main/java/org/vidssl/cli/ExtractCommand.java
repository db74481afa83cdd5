package org.vidssl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.extract.EmbeddingExtractor;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.video.clips.ClipSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The Embedding Extractor (reference retrieve_clips.py, feature part): one embedding per video. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Embed the videos of a dataset with an encoder (reference retrieve_clips.py).",
            "The features of --clips centre-cropped clips per video are averaged. Writes <output>.npy (videos x"
                    + " dimension)"
                    + " and <output>.csv (the index): both together or, when anything fails, neither."
        })
@SettingsFrom(ExtractSettings.class)
final class ExtractCommand implements Callable<Integer> {

    private static final ExtractSettings D = ExtractSettings.DEFAULTS;

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--encoder", required = true, paramLabel = "FILE", description = "Encoder file (from pretrain).")
    Path encoderFile;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "PREFIX",
            description = "Writes PREFIX.npy and PREFIX.csv.")
    Path output;

    @Option(
            names = "--subset",
            defaultValue = "all",
            description = "Videos to embed: train, test or all. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--clips")
    int clipsPerVideo;

    @Option(
            names = "--view",
            completionCandidates = View.Ids.class,
            description = "What the encoder sees: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String view;

    @Option(
            names = "--feature",
            description = "conv (the paper's retrieval feature) or pooled. Default: ${DEFAULT-VALUE}.")
    String feature;

    @Option(names = "--merge")
    boolean merge;

    @Option(
            names = "--resize",
            description = "Frames are resized to HxW first. Default: the encoder's training resize.")
    String resize;

    @Option(names = "--clip-len", description = "Frames per clip. Default: the encoder's training clip length.")
    Integer clipLength;

    @Option(names = "--crop", description = "Centre crop side. Default: the encoder's training crop.")
    Integer crop;

    @Option(names = "--flow", paramLabel = "DIR", description = "Optical-flow root with u/ and v/ (for --view u or v).")
    Path flow;

    @Option(names = "--batch-size")
    int batchSize;

    @Mixin
    ComputeOptions compute;

    @Option(
            names = "--spark",
            paramLabel = "MASTER",
            description = "Run on Apache Spark (yarn, k8s://..., spark://..., local[N]) through the Spark module's "
                    + "vidssl-spark launcher (docs/spark.md).")
    String sparkMaster;

    @Override
    public Integer call() throws Exception {
        if (sparkMaster != null) {
            return SparkLauncher.run(spec, sparkMaster);
        }
        PrintWriter out = spec.commandLine().getOut();
        UsageError.requireFile("--encoder", encoderFile);
        int cores = compute.threads();
        View v = View.parse(view);
        ExtractSettings settings = new ExtractSettings(
                        clipsPerVideo,
                        v,
                        ExtractSettings.Feature.parse(feature),
                        merge,
                        false,
                        batchSize,
                        compute.device,
                        cores)
                .validate();
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "extract");
        VideoDataset d = dataset.read(bar);
        List<VideoEntry> videos = DatasetOptions.videos(d, split);
        TorchRuntime.engine(new TorchRuntime.Settings(null, cores, 0));
        long start = System.nanoTime();
        try (VideoEncoder encoder = EncoderFile.load(encoderFile, compute.device())) {
            ClipOptions clip = ClipOptions.trainedWith(encoder.header().input());
            clip.clipLength = clipLength != null ? clipLength : clip.clipLength;
            clip.cropSize = crop != null ? crop : clip.cropSize;
            clip.resize = resize != null ? resize : clip.resize;
            clip.testClips = clipsPerVideo;
            clip.flow = flow;
            try (ClipSource source = ClipSources.open(
                    videos,
                    clip.settings(v, org.vidssl.core.clip.IntraNegative.NONE),
                    v.needsFlow() ? clip.flowFolders() : null)) {
                EmbeddingExtractor.Result r = new EmbeddingExtractor(encoder, settings).extract(source, bar);
                EmbeddingSet set = r.videos();
                Path npy = withSuffix(output, ".npy");
                Path csv = withSuffix(output, ".csv");
                set.write(csv, npy);
                bar.clear();
                Table t = new Table("videos", "dimension", "clips/video", "view", "feature", "seconds");
                t.row(
                        set.size(),
                        set.dimension(),
                        clipsPerVideo,
                        v.id() + (merge ? "+rgb" : ""),
                        settings.feature().id(),
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
                out.print(t);
                if (r.anyLooped()) {
                    out.println(
                            "Some videos are shorter than " + clip.clipLength + " frames: their clips were looped.");
                }
                out.println("Wrote " + npy + " and " + csv);
            }
        }
        out.flush();
        return 0;
    }

    static Path withSuffix(Path prefix, String suffix) {
        String name = prefix.getFileName().toString();
        for (String known : new String[] {".npy", ".csv"}) {
            if (name.endsWith(known)) {
                name = name.substring(0, name.length() - known.length());
            }
        }
        return prefix.resolveSibling(name + suffix);
    }
}
