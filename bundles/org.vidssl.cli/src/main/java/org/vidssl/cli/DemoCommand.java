package org.vidssl.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.retrieval.TopKAccuracy;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.finetune.ActionPredictor;
import org.vidssl.torch.finetune.FineTuner;
import org.vidssl.torch.finetune.FinetuneOutcome;
import org.vidssl.torch.finetune.Predictions;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole IIC pipeline on the synthetic motion dataset, sized for a 2-core CPU in minutes: generate the
 * videos, pretrain IIC (shuffle intra-negative, residual view 2, colour jitter per view), embed train and test videos
 * with the IIC
 * encoder and with a randomly initialised one of the same architecture, retrieve (test queries train), fine-tune
 * and predict. Prints the paper-style table and writes charts and results.json.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the whole IIC pipeline on the built-in synthetic motion dataset.",
            "Minutes on 2 CPU cores: generate videos, pretrain IIC (shuffle + residual, colour jitter), retrieve with"
                    + " the IIC encoder and with a random-init one,",
            "fine-tune and predict. Prints the paper-style retrieval table; writes results.json and PNG charts."
        })
@SettingsFrom({PretrainSettings.class, ClipSettings.class})
final class DemoCommand implements Callable<Integer> {

    /**
     * The synthetic set's objects move three times their default speed in the demo: at the default speed a network
     * fine-tuned on 20 videos per class memorises their appearance and stays near chance (README, the demo's
     * figures).
     */
    static final double DEMO_MOTION_SPEED = 3;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--output",
            defaultValue = "vidssl-demo",
            description = "Output folder (dataset, encoder, charts, results.json). Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(
            names = "--quick",
            description = "A smaller, faster run (fewer videos and epochs) to check the installation; its figures are"
                    + " noisier.")
    boolean quick;

    @Option(names = "--seed", description = "Seed of the dataset and the training. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    ComputeOptions compute;

    // The figures below are the demo's recipe (see README: what the demo is calibrated on); change them to explore.
    @Option(names = "--classes", description = "Motion classes (2-15). Default: 10.")
    Integer classes;

    @Option(
            names = "--videos-per-class",
            description =
                    "Videos per class (half go to the test split). Default: 40 " + "(200 test queries; quick: 12).")
    Integer videosPerClass;

    @Option(
            names = "--test-fraction",
            description = "Share of each class's videos in the test split (the retrieval "
                    + "queries and the fine-tuned classifier's test set). Default: 0.5.")
    Double testFraction;

    @Option(names = "--frames", description = "Frames per generated video. Default: 16.")
    Integer frames;

    @Option(
            names = "--frame-size",
            description =
                    "Generated frame size HxW. Default: 32x32 (a 28 crop keeps most of the moving object in view).")
    String frameSize;

    @Option(
            names = "--motion-speed",
            description = "Object speed as a multiple of the synthetic set's default "
                    + "(0.6-1.2 pixels per frame at 32x32). Default: 3, where 20 videos per class suffice to "
                    + "learn the motions (at 1 fine-tuning memorises appearance).")
    Double motionSpeed;

    @Option(names = "--clip-len", description = "Frames per clip. Default: 8.")
    Integer clipLength;

    @Option(names = "--crop", description = "Crop side. Default: 28.")
    Integer crop;

    @Option(
            names = "--model",
            completionCandidates = Backbone.Ids.class,
            description = "Backbone: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--width", description = "Backbone base width (64 = the paper's network). Default: 16.")
    Integer width;

    @Option(
            names = "--objective",
            defaultValue = "simclr",
            completionCandidates = Objective.Ids.class,
            description = "Objective: ${COMPLETION-CANDIDATES}."
                    + " Default: ${DEFAULT-VALUE} (learns within minutes; see README).")
    String objective;

    @Option(names = "--epochs", description = "Pretraining epochs. Default: 150 (quick: 20).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Pretraining batch size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--lr",
            defaultValue = "0.05",
            description = "Pretraining learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(
            names = "--intra-negative",
            defaultValue = "shuffle",
            completionCandidates = IntraNegative.Ids.class,
            description = "Intra-negative: ${COMPLETION-CANDIDATES} (the paper: repeat)."
                    + " Default: ${DEFAULT-VALUE} (direction classes need temporal order).")
    String intraNegative;

    @Option(
            names = "--colour-jitter",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Independent random colours for the two views in pretraining (an extension, off in the paper:"
                    + " without it the views match by object colour). Default: ${DEFAULT-VALUE}.")
    boolean colourJitter;

    @Option(
            names = "--feature",
            defaultValue = "pooled",
            description = "Retrieval feature: conv (the paper's) or pooled. Default: ${DEFAULT-VALUE}.")
    String feature;

    @Option(
            names = "--retrieval-view",
            defaultValue = "rgb",
            description = "What the encoder sees for the headline retrieval: rgb or res (the other is reported"
                    + " beside it). Default: ${DEFAULT-VALUE}: appearance is random per video, so only what an"
                    + " encoder learnt about motion retrieves the class.")
    String retrievalView;

    @Option(
            names = "--test-clips",
            description = "Clips per video for retrieval and testing. Default: ${DEFAULT-VALUE}.")
    int testClips;

    @Option(
            names = "--eval-every",
            hidden = true,
            description =
                    "Calibration aid: also retrieve with the IIC encoder every N epochs (resuming from a checkpoint).")
    Integer evalEvery;

    @Option(
            names = "--resize",
            description = "Frames are resized to HxW before cropping. Default: the generated frame size.")
    String resize;

    @Option(names = "--finetune-epochs", description = "Fine-tuning epochs. Default: 50 (quick: 10).")
    Integer finetuneEpochs;

    @Option(
            names = "--finetune-lr",
            defaultValue = "0.05",
            description = "Fine-tuning learning rate (all layers). Default: ${DEFAULT-VALUE}.")
    double finetuneLr;

    private Predictions predictions;
    private List<FinetuneEpoch> finetuneHistory = List.of();

    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Charts.headless();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int cores = compute.threads();
        int[] size = parseSize(frameSize == null ? "32x32" : frameSize);
        SyntheticSettings synth = new SyntheticSettings(
                        or(classes, 10),
                        or(videosPerClass, quick ? 12 : 40),
                        or(frames, 16),
                        size[0],
                        size[1],
                        SyntheticSettings.Container.MP4,
                        testFraction == null ? 0.5 : testFraction,
                        seed,
                        motionSpeed == null ? DEMO_MOTION_SPEED : motionSpeed)
                .validate();
        int clipLen = or(clipLength, 8);
        int cropSide = or(crop, 28);
        int[] resized = resize == null ? size : parseSize(resize);
        ClipSettings clips = new ClipSettings(
                        clipLen,
                        resized[0],
                        resized[1],
                        cropSide,
                        false,
                        View.RES,
                        IntraNegative.parse(intraNegative),
                        testClips)
                .validate();
        PretrainSettings pretrain = Records.builder(PretrainSettings.DEFAULTS)
                .set("model", model)
                .set("width", or(width, 16))
                .set("objective", Objective.parse(objective))
                .set("modality", View.RES)
                .set("intraNegative", IntraNegative.parse(intraNegative))
                .set("normalizeFeatures", true)
                .set("epochs", or(epochs, quick ? 20 : 150))
                .set("batchSize", batchSize)
                .set("learningRate", learningRate)
                .set("lrMilestones", new int[0])
                .set("simclrT", 0.1)
                .set("nceK", 128)
                .set("seed", seed)
                .set("clipLength", clipLen)
                .set("cropSize", cropSide)
                .set("colourJitter", colourJitter)
                .set("device", compute.device)
                .set("threads", cores)
                .build()
                .validate();
        FeatureKind kind = switch (feature.toLowerCase(Locale.ROOT)) {
            case "conv" -> FeatureKind.CONV;
            case "pooled" -> FeatureKind.POOLED;
            default -> throw new UsageError("--feature is '" + feature + "': use conv or pooled.");
        };
        View view = View.parse(retrievalView);
        if (view.needsFlow()) {
            throw new UsageError("--retrieval-view " + view.id()
                    + " needs optical flow; the synthetic set has none: use rgb or res.");
        }
        // the other input is reported beside the headline: on res a random network already sees the motion
        View otherView = view == View.RGB ? View.RES : View.RGB;
        Map<String, TopKAccuracy> otherRetrieval = new LinkedHashMap<>();
        Files.createDirectories(output);
        long start = System.nanoTime();
        ProgressBar bar = new ProgressBar(err, "demo");

        // 1. dataset
        long t = System.nanoTime();
        Path root = SyntheticMotionDataset.generate(synth, output.resolve("dataset"), bar);
        VideoDataset dataset = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), bar);
        List<VideoEntry> train = dataset.videos(Split.TRAIN);
        List<VideoEntry> test = dataset.videos(Split.TEST);
        stage(
                bar,
                "dataset",
                t,
                String.format(
                        Locale.ROOT,
                        "%d classes, %d train + %d test videos of %d frames at %dx%d in %s",
                        dataset.classCount(),
                        train.size(),
                        test.size(),
                        synth.frames(),
                        synth.height(),
                        synth.width(),
                        root));

        // 2. pretraining on the train split
        t = System.nanoTime();
        TorchRuntime.engine(new TorchRuntime.Settings(null, cores, 0));
        compute.device();
        List<EpochRecord> history;
        Path encoderFile = output.resolve("iic-encoder.vidssl");
        Map<String, TopKAccuracy> retrieval = new LinkedHashMap<>();
        List<VideoEntry> all = new ArrayList<>(train);
        all.addAll(test);
        try (ClipSource trainSource = ClipSources.open(train, clips, null);
                ClipSource evalSource = ClipSources.open(all, clips, null)) {
            ProgressBar pretrainBar = new ProgressBar(err, "pretrain");
            if (evalEvery != null) {
                calibrationCurve(pretrain, trainSource, evalSource, view, kind, cores, pretrainBar);
            }
            // 3. random initialisation of the same network: the baseline
            t = System.nanoTime();
            EncoderHeader randomHeader = EncoderHeader.of(Backbone.parse(model), InputSpec.of(clips), "res")
                    .withWidth(pretrain.width());
            try (VideoEncoder random = VideoEncoder.create(randomHeader, compute.device(), (int) seed)) {
                retrieval.put("random init", retrieve(random, evalSource, view, kind, cores, bar));
                otherRetrieval.put("random init", retrieve(random, evalSource, otherView, kind, cores, bar));
            }
            stage(
                    bar,
                    "retrieval (random init)",
                    t,
                    topOnes(retrieval, otherRetrieval, "random init", view, otherView));

            t = System.nanoTime();
            try (PretrainOutcome outcome = IicPretraining.run(
                    trainSource, pretrain, "synthetic-motion", pretrainBar, r -> epochLine(pretrainBar, r))) {
                history = outcome.history();
                pretrainBar.clear();
                EpochRecord last = outcome.lastEpoch();
                stage(
                        bar,
                        "pretrain",
                        t,
                        String.format(
                                Locale.ROOT,
                                "%s width %d, %s, %d epochs, loss %.3f -> %.3f",
                                pretrain.model(),
                                pretrain.width(),
                                pretrain.objective().id(),
                                history.size(),
                                history.get(0).loss(),
                                last.loss()));
                EncoderFile.save(encoderFile, outcome.encoder());

                // 4. retrieval with the IIC encoder: test videos query train videos
                t = System.nanoTime();
                retrieval.put("IIC", retrieve(outcome.encoder(), evalSource, view, kind, cores, bar));
                otherRetrieval.put("IIC", retrieve(outcome.encoder(), evalSource, otherView, kind, cores, bar));
                stage(bar, "retrieval (IIC)", t, topOnes(retrieval, otherRetrieval, "IIC", view, otherView));

                // 5. fine-tune the IIC encoder on the train split, predict the test split
                t = System.nanoTime();
                FinetuneSettings ft = Records.builder(FinetuneSettings.DEFAULTS)
                        .set("model", model)
                        .set("width", pretrain.width())
                        .set("modality", View.RES)
                        .set("epochs", or(finetuneEpochs, quick ? 10 : 50))
                        .set("batchSize", 16)
                        .set("learningRate", finetuneLr)
                        .set("finetuneLearningRate", finetuneLr)
                        .set("plateauPatience", 1000)
                        .set("seed", seed)
                        .set("clipLength", clipLen)
                        .set("cropSize", cropSide)
                        .set("testClips", testClips)
                        .set("device", compute.device)
                        .set("threads", cores)
                        .build()
                        .validate();
                try (ClipSource testSource = ClipSources.open(test, clips, null);
                        FinetuneOutcome tuned = FineTuner.run(
                                trainSource,
                                outcome.encoder(),
                                dataset.classes(),
                                ft,
                                new ProgressBar(err, "finetune"))) {
                    predictions = ActionPredictor.predict(
                            tuned.classifier(), testSource, testClips, 4 * testClips, cores, bar);
                    finetuneHistory = tuned.history();
                }
                stage(
                        bar,
                        "finetune + predict",
                        t,
                        String.format(Locale.ROOT, "%d epochs, test top-1 %s", ft.epochs(), pct(predictions.top1())));
            }
        }

        // 5. report
        t = System.nanoTime();
        Table table = new Table("run", "input", "top1", "top5", "top10", "top20", "top50");
        addRows(table, retrieval, view);
        addRows(table, otherRetrieval, otherView);
        double total = (System.nanoTime() - start) / 1e9;
        stageSeconds.put("total", total);
        // the report's files describe one run: they appear together or, when one cannot be written, none changes
        Map<Path, AtomicFiles.Writer> report = new LinkedHashMap<>();
        report.put(
                output.resolve("pretrain-loss.png"),
                Charts.lossChart(history, "IIC pretraining loss (synthetic motion)"));
        report.put(
                output.resolve("retrieval.png"),
                Charts.retrievalChart(
                        retrieval, "Retrieval top-k, test queries train (synthetic motion, " + view.id() + " input)"));
        report.put(
                output.resolve("finetune.png"),
                Charts.finetuneChart(finetuneHistory, "Fine-tuning the IIC encoder (synthetic motion)"));
        report.put(
                output.resolve("results.json"),
                results(synth, pretrain, kind, view, dataset, history, retrieval, otherView, otherRetrieval, total));
        AtomicFiles.writeAll(report);
        bar.clear();
        out.println();
        out.println("Video retrieval on the synthetic motion set (" + test.size() + " test videos query " + train.size()
                + " train videos; % with a same-class video among the k nearest):");
        out.print(table);
        out.printf(
                Locale.ROOT,
                "IIC top-1 is %+.1f points over random init with %s input (%+.1f with %s input).%n",
                margin(retrieval),
                view.id(),
                margin(otherRetrieval),
                otherView.id());
        out.printf(
                Locale.ROOT,
                "Fine-tuned IIC encoder: action recognition top-1 %.1f%% on the %d test videos (chance %.1f%%).%n",
                100 * predictions.top1(),
                predictions.scoredCount(),
                100.0 / dataset.classCount());
        out.println();
        Table times = new Table("stage", "seconds");
        stageSeconds.forEach((k, v) -> times.row(k, String.format(Locale.ROOT, "%.1f", v)));
        out.print(times);
        out.println("Wrote " + output.resolve("results.json") + ", pretrain-loss.png, retrieval.png, finetune.png, "
                + encoderFile.getFileName());
        out.flush();
        return 0;
    }

    /** Retrieval top-1 of the IIC encoder every --eval-every epochs, resuming from a checkpoint each time. */
    private void calibrationCurve(
            PretrainSettings pretrain,
            ClipSource trainSource,
            ClipSource evalSource,
            View view,
            FeatureKind kind,
            int cores,
            ProgressBar bar)
            throws IOException {
        Path checkpoints = output.resolve("calibration-checkpoints");
        org.apache.commons.io.FileUtils.deleteDirectory(checkpoints.toFile());
        for (int e = evalEvery; e <= pretrain.epochs(); e += evalEvery) {
            PretrainSettings s = Records.builder(pretrain)
                    .set("epochs", e)
                    .set("checkpointDir", checkpoints)
                    .set("checkpointInterval", evalEvery)
                    .build();
            try (PretrainOutcome o = IicPretraining.run(trainSource, s, "synthetic-motion", bar, r -> {})) {
                TopKAccuracy acc = retrieve(o.encoder(), evalSource, view, kind, cores, bar);
                bar.line(String.format(
                        Locale.ROOT,
                        "calibration: epoch %d loss %.3f top-1 %s top-5 %s",
                        e,
                        o.lastEpoch().loss(),
                        pct(acc.accuracyAt(0)),
                        pct(acc.accuracyAt(1))));
            }
        }
        org.apache.commons.io.FileUtils.deleteDirectory(checkpoints.toFile());
    }

    static void epochLine(ProgressBar bar, org.vidssl.torch.pretrain.StepReport r) {
        if (r.step() == r.steps()) {
            bar.line(String.format(
                    Locale.ROOT,
                    "  epoch %d: loss %.3f + %.3f, positive p %.3f / %.3f, %.0f clips/s",
                    r.epoch(),
                    r.lossView1(),
                    r.lossView2(),
                    r.probView1(),
                    r.probView2(),
                    r.clipsPerSecond()));
        }
    }

    /** Embeds every video (train and test) and lets the test videos query the train videos. */
    private TopKAccuracy retrieve(
            VideoEncoder encoder, ClipSource source, View view, FeatureKind kind, int threads, ProgressBar bar) {
        return EncoderRetrieval.evaluate(
                encoder,
                source,
                view,
                kind == FeatureKind.CONV ? ExtractSettings.Feature.CONV : ExtractSettings.Feature.POOLED,
                compute.device,
                threads,
                bar);
    }

    private void stage(ProgressBar bar, String name, long startNanos, String summary) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        stageSeconds.put(name, s);
        bar.line(String.format(Locale.ROOT, "[%6.1f s] %-24s %s", s, name, summary));
    }

    private static void addRows(Table table, Map<String, TopKAccuracy> retrieval, View input) {
        retrieval.forEach((name, acc) -> {
            List<Object> cells = new ArrayList<>(List.of(name, input.id()));
            for (int i = 0; i < acc.ks().length; i++) {
                cells.add(String.format(Locale.ROOT, "%.1f", 100 * acc.accuracyAt(i)));
            }
            table.row(cells.toArray());
        });
    }

    /** Top-1 of IIC minus random init, in points. */
    private static double margin(Map<String, TopKAccuracy> retrieval) {
        return 100
                * (retrieval.get("IIC").accuracyAt(0)
                        - retrieval.get("random init").accuracyAt(0));
    }

    private static String topOnes(
            Map<String, TopKAccuracy> retrieval,
            Map<String, TopKAccuracy> otherRetrieval,
            String run,
            View view,
            View otherView) {
        return "top-1 " + pct(retrieval.get(run).accuracyAt(0)) + " (" + view.id() + "), "
                + pct(otherRetrieval.get(run).accuracyAt(0)) + " (" + otherView.id() + ")";
    }

    private static Map<String, Object> byK(Map<String, TopKAccuracy> retrieval) {
        Map<String, Object> r = new LinkedHashMap<>();
        retrieval.forEach((name, acc) -> {
            Map<String, Double> byK = new LinkedHashMap<>();
            for (int i = 0; i < acc.ks().length; i++) {
                byK.put("top" + acc.ks()[i], 100 * acc.accuracyAt(i));
            }
            r.put(name, byK);
        });
        return r;
    }

    private AtomicFiles.Writer results(
            SyntheticSettings synth,
            PretrainSettings pretrain,
            FeatureKind kind,
            View view,
            VideoDataset dataset,
            List<EpochRecord> history,
            Map<String, TopKAccuracy> retrieval,
            View otherView,
            Map<String, TopKAccuracy> otherRetrieval,
            double total) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "vidssl " + IicPretraining.version());
        json.put(
                "dataset",
                Map.of(
                        "synthetic",
                        synth.toString(),
                        "classes",
                        dataset.classCount(),
                        "train",
                        dataset.videos(Split.TRAIN).size(),
                        "test",
                        dataset.videos(Split.TEST).size()));
        json.put("pretrain", pretrain.toMap());
        json.put("retrievalFeature", kind.name().toLowerCase(Locale.ROOT));
        json.put("retrievalView", view.id());
        json.put("history", history);
        json.put("retrieval", byK(retrieval));
        json.put("otherRetrievalView", otherView.id());
        json.put("otherRetrieval", byK(otherRetrieval));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("testTop1", 100 * predictions.top1());
        f.put("testTop5", 100 * predictions.top5());
        f.put("testVideos", predictions.scoredCount());
        f.put("history", finetuneHistory);
        json.put("finetune", f);
        json.put("stageSeconds", stageSeconds);
        json.put("totalSeconds", total);
        String text = new GsonBuilder()
                .setPrettyPrinting()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(json);
        return o -> o.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
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
        throw new UsageError("Size '" + text + "' is not HxW (e.g. 32x43).");
    }
}
