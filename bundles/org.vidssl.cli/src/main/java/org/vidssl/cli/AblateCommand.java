package org.vidssl.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.LabelSubset;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.finetune.ActionPredictor;
import org.vidssl.torch.finetune.FineTuner;
import org.vidssl.torch.finetune.FinetuneOutcome;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.clips.FlowFolders;
import org.vidssl.video.decode.ExtractionResult;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.decode.FrameExtractor;
import org.vidssl.video.flow.FlowMethod;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The paper's Table 1 at small scale: for every view 2 and intra-negative (none = plain two-view CMC) and seed,
 * pretrain, retrieve (test videos query train videos) and fine-tune; then mean and standard error over the seeds.
 * Optionally the random-init baseline and fine-tuning on a share of the labels (label efficiency). Every finished
 * cell is recorded in ablation.json at once, so a run that stops resumes where it was.
 */
@Command(
        name = "ablate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the paper's ablation grid (Table 1) at small scale: view 2 x intra-negative x seeds.",
            "Each cell pretrains IIC (intra-negative none = plain two-view CMC) on the train split, retrieves",
            "(test videos query train videos, with view 2 as input) and fine-tunes on view 2, on the built-in",
            "synthetic motion set or --dataset. Prints mean ± standard error over the seeds and the paired",
            "differences; writes ablation.json (every seed's figures) and ablation.png. Cells already in",
            "ablation.json are skipped, so an interrupted run continues where it stopped.",
            "Label efficiency: --random-init --label-fractions 0.1,1 fine-tunes the pretrained and the random-init",
            "network on 10%% and 100%% of the training labels (the same share of every class)."
        })
final class AblateCommand implements Callable<Integer> {

    static final String RESULTS_FILE = "ablation.json";
    static final String CHART_FILE = "ablation.png";
    /** The row of the random-init baseline (no pretraining), beside the intra-negative rows. */
    static final String RANDOM_INIT = "random-init";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--output",
            defaultValue = "vidssl-ablation",
            description = "Output folder (dataset, flow, ablation.json, ablation.png). Default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(
            names = "--views",
            defaultValue = "rgb,res,u,v",
            split = ",",
            completionCandidates = View.Ids.class,
            description = "View 2 of the grid, of ${COMPLETION-CANDIDATES} (u and v: optical flow, computed for the "
                    + "synthetic set). Default: ${DEFAULT-VALUE}.")
    List<String> views;

    @Option(
            names = "--negatives",
            defaultValue = "none,repeat,shuffle",
            split = ",",
            completionCandidates = IntraNegative.Ids.class,
            description = "Intra-negatives of the grid, of "
                    + "${COMPLETION-CANDIDATES} (none: plain CMC). Default: ${DEFAULT-VALUE}.")
    List<String> negatives;

    @Option(
            names = "--seeds",
            defaultValue = "3",
            description = "Seeds per cell (--seed, --seed + 1, ...). " + "Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--seed", defaultValue = "632", description = "First training seed. Default: ${DEFAULT-VALUE}.")
    long firstSeed;

    @Option(names = "--random-init", description = "Add the random-init baseline (no pretraining) to every view.")
    boolean randomInit;

    @Option(
            names = "--label-fractions",
            defaultValue = "1",
            split = ",",
            description = "Shares of the training labels to fine-tune on, each in (0, 1], the same share of every "
                    + "class, drawn by the seed. Default: ${DEFAULT-VALUE}.")
    List<Double> labelFractions;

    @Option(
            names = "--dataset",
            paramLabel = "DIR",
            description = "A dataset with split files instead of the synthetic set.")
    Path datasetRoot;

    @Option(
            names = "--flow",
            paramLabel = "DIR",
            description = "Flow root of --dataset with u/ and v/ (from vidssl decode --flow), for views u and v.")
    Path flowRoot;

    @Option(
            names = "--flow-method",
            defaultValue = "tvl1",
            description = "Optical flow computed for the synthetic set's u and v views: tvl1 or farneback. "
                    + "Default: ${DEFAULT-VALUE}.")
    String flowMethod;

    @Mixin
    ComputeOptions compute;

    // the demo's small-scale recipe (README: the demo), smaller where the grid multiplies the time: the defaults
    // are the recipe measured in docs/ablation.md
    @Option(
            names = "--classes",
            defaultValue = "10",
            description = "Synthetic motion classes. Default: ${DEFAULT-VALUE}.")
    int classes;

    @Option(
            names = "--videos-per-class",
            defaultValue = "12",
            description = "Synthetic videos per class (a quarter are test videos). Default: ${DEFAULT-VALUE}.")
    int videosPerClass;

    @Option(
            names = "--frames",
            defaultValue = "16",
            description = "Frames per synthetic video. Default: ${DEFAULT-VALUE}.")
    int frames;

    @Option(
            names = "--frame-size",
            defaultValue = "32x32",
            description = "Synthetic frame size HxW (frames are " + "read at this size). Default: ${DEFAULT-VALUE}.")
    String frameSize;

    @Option(
            names = "--data-seed",
            defaultValue = "632",
            description =
                    "Seed of the synthetic set (the same set for every training seed). " + "Default: ${DEFAULT-VALUE}.")
    long dataSeed;

    @Option(
            names = "--motion-speed",
            defaultValue = "1",
            description = "Synthetic object speed as a multiple of the default; faster motion lets fine-tuning from"
                    + " few videos learn the motion instead of each video's look. Default: ${DEFAULT-VALUE}.")
    double motionSpeed;

    @Option(names = "--clip-len", defaultValue = "8", description = "Frames per clip. Default: ${DEFAULT-VALUE}.")
    int clipLength;

    @Option(names = "--crop", defaultValue = "28", description = "Crop side. Default: ${DEFAULT-VALUE}.")
    int crop;

    @Option(
            names = "--test-clips",
            defaultValue = "3",
            description = "Clips per video for retrieval and testing. " + "Default: ${DEFAULT-VALUE}.")
    int testClips;

    @Option(
            names = "--model",
            defaultValue = "r3d",
            completionCandidates = Backbone.Ids.class,
            description = "Backbone: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--width", defaultValue = "8", description = "Backbone base width. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(
            names = "--objective",
            defaultValue = "simclr",
            completionCandidates = Objective.Ids.class,
            description = "Objective: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String objective;

    @Option(names = "--epochs", defaultValue = "120", description = "Pretraining epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "16", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--lr",
            defaultValue = "0.05",
            description = "Pretraining learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(
            names = "--colour-jitter",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Independent random colours for the two views in pretraining. Default: ${DEFAULT-VALUE}.")
    boolean colourJitter;

    @Option(
            names = "--feature",
            defaultValue = "pooled",
            description = "Retrieval feature: conv or pooled. Default: ${DEFAULT-VALUE}.")
    String feature;

    @Option(
            names = "--finetune-epochs",
            defaultValue = "10",
            description = "Fine-tuning epochs. Default: ${DEFAULT-VALUE}.")
    int finetuneEpochs;

    @Option(
            names = "--finetune-lr",
            defaultValue = "0.05",
            description = "Fine-tuning learning rate (all layers). Default: ${DEFAULT-VALUE}.")
    double finetuneLr;

    /** One seed of one grid cell: its figures in % (fine-tuning per label fraction, keyed by the fraction). */
    record Run(
            String view,
            String row,
            long seed,
            double retrievalTop1,
            Map<String, Double> finetuneTop1,
            double seconds) {

        String key() {
            return key(view, row, seed);
        }

        static String key(String view, String row, long seed) {
            return view + "/" + row + "/" + seed;
        }
    }

    private final Map<String, Run> runs = new LinkedHashMap<>();
    private PrintWriter err;

    @Override
    public Integer call() throws Exception {
        Charts.headless();
        PrintWriter out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        List<View> viewList = views.stream().map(View::parse).distinct().toList();
        List<String> rows = new ArrayList<>();
        if (randomInit) {
            rows.add(RANDOM_INIT);
        }
        negatives.stream().map(n -> IntraNegative.parse(n).id()).distinct().forEach(rows::add);
        List<String> fractions = fractionKeys(labelFractions);
        if (seeds < 1 || seeds > 1000) {
            throw new UsageError("--seeds is " + seeds + ": use 1 to 1000 (3 or more for a standard error).");
        }
        ExtractSettings.Feature retrievalFeature = ExtractSettings.Feature.parse(feature);
        int[] size = DemoCommand.parseSize(frameSize);
        boolean needsFlow = viewList.stream().anyMatch(View::needsFlow);
        FlowMethod method = FlowMethod.parse(flowMethod);
        if (needsFlow && datasetRoot != null && flowRoot == null) {
            throw new UsageError("--views " + String.join(",", views) + " needs optical flow: give --flow DIR with the "
                    + "u/ and v/ folders of --dataset (vidssl decode --flow tvl1 writes them), or use --views "
                    + "rgb,res.");
        }
        if (needsFlow && datasetRoot == null && method == FlowMethod.NONE) {
            throw new UsageError("--flow-method none computes no flow for the views u and v: use tvl1 or farneback, "
                    + "or --views rgb,res.");
        }
        int cores = compute.threads();
        compute.device();
        SyntheticSettings synth = new SyntheticSettings(
                        classes,
                        videosPerClass,
                        frames,
                        size[0],
                        size[1],
                        SyntheticSettings.Container.MP4,
                        0.25,
                        dataSeed,
                        motionSpeed)
                .validate();
        Map<String, String> recipe = recipe(synth, method);
        Files.createDirectories(output);
        Path resultsFile = output.resolve(RESULTS_FILE);
        readPrevious(resultsFile, recipe);
        ProgressBar bar = new ProgressBar(err, "ablate");

        VideoDataset dataset;
        FlowFolders flow = null;
        if (datasetRoot == null) {
            Path root = SyntheticMotionDataset.generate(synth, output.resolve("dataset"), bar);
            dataset = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), bar);
            if (needsFlow) {
                flow = computeFlow(dataset, method, size, cores, bar);
            }
        } else {
            dataset = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(datasetRoot), bar);
            flow = flowRoot == null ? null : FlowFolders.under(flowRoot);
        }
        List<VideoEntry> train = DatasetOptions.videos(dataset, "train");
        List<VideoEntry> test = DatasetOptions.videos(dataset, "test");
        List<VideoEntry> all = new ArrayList<>(train);
        all.addAll(test);
        TorchRuntime.engine(new TorchRuntime.Settings(null, cores, 0));

        int total = viewList.size() * rows.size() * seeds;
        int cell = 0;
        // seeds outermost: a run stopped early has whole grids of the first seeds, which compare pairwise
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            for (View view : viewList) {
                FlowFolders viewFlow = view.needsFlow() ? flow : null;
                for (String row : rows) {
                    cell++;
                    Run previous = runs.get(Run.key(view.id(), row, seed));
                    if (previous != null && previous.finetuneTop1().keySet().containsAll(fractions)) {
                        continue;
                    }
                    long start = System.nanoTime();
                    Run run = runCell(
                            view,
                            row,
                            seed,
                            fractions,
                            train,
                            test,
                            all,
                            dataset.classes(),
                            viewFlow,
                            retrievalFeature,
                            cores,
                            bar);
                    run = new Run(
                            run.view(),
                            row,
                            seed,
                            run.retrievalTop1(),
                            run.finetuneTop1(),
                            (System.nanoTime() - start) / 1e9);
                    runs.put(run.key(), run);
                    AtomicFiles.write(resultsFile, json(recipe, dataset, viewList, rows, fractions));
                    bar.line(String.format(
                            Locale.ROOT,
                            "[%d/%d] %s / %s / seed %d: retrieval top-1 %.1f%%, " + "fine-tune top-1 %s in %.1f s",
                            cell,
                            total,
                            view.id(),
                            row,
                            seed,
                            run.retrievalTop1(),
                            finetuneText(run),
                            run.seconds()));
                }
            }
        }

        Map<Path, AtomicFiles.Writer> report = new LinkedHashMap<>();
        report.put(output.resolve(CHART_FILE), chart(viewList, rows, fractions));
        report.put(resultsFile, json(recipe, dataset, viewList, rows, fractions));
        AtomicFiles.writeAll(report);
        bar.clear();
        out.println();
        out.println("Ablation on " + (datasetRoot == null ? "the synthetic motion set" : dataset.name()) + " ("
                + test.size() + " test videos query " + train.size() + " train videos; top-1 % as mean ± standard "
                + "error over " + seeds + " seed(s)):");
        out.print(table(viewList, rows, fractions));
        Table differences = differenceTable(viewList, rows, fractions);
        if (differences.size() > 0) {
            out.println();
            out.println("Paired differences over the same seeds (mean ± standard error; "
                    + "'SE' = mean / standard error):");
            out.print(differences);
        }
        out.printf(
                Locale.ROOT,
                "%nCells took %.1f s in all. Wrote %s and %s%n",
                seconds(viewList, rows),
                resultsFile,
                output.resolve(CHART_FILE));
        out.flush();
        return 0;
    }

    /** Pretrains (unless random init), retrieves and fine-tunes on each label fraction: one seed of one cell. */
    private Run runCell(
            View view,
            String row,
            long seed,
            List<String> fractions,
            List<VideoEntry> train,
            List<VideoEntry> test,
            List<VideoEntry> all,
            List<String> classNames,
            FlowFolders flow,
            ExtractSettings.Feature retrievalFeature,
            int cores,
            ProgressBar bar)
            throws IOException {
        boolean pretrained = !row.equals(RANDOM_INIT);
        IntraNegative negative = pretrained ? IntraNegative.parse(row) : IntraNegative.NONE;
        ClipSettings clips = clips(view, negative);
        ClipSettings evalClips = clips(view, IntraNegative.NONE);
        String what = view.id() + " / " + row + " / seed " + seed;
        try (ClipSource trainSource = ClipSources.open(train, clips, flow);
                ClipSource evalSource = ClipSources.open(all, evalClips, flow);
                PretrainOutcome outcome = pretrained
                        ? IicPretraining.run(
                                trainSource,
                                pretrainSettings(view, negative, seed, cores),
                                "ablation",
                                new ProgressBar(err, "pretrain " + what),
                                null)
                        : null;
                VideoEncoder random = pretrained
                        ? null
                        : VideoEncoder.create(
                                EncoderHeader.of(Backbone.parse(model), InputSpec.of(evalClips), view.id())
                                        .withWidth(width),
                                compute.device(),
                                (int) seed)) {
            VideoEncoder encoder = pretrained ? outcome.encoder() : random;
            double retrieval = 100
                    * EncoderRetrieval.evaluate(encoder, evalSource, view, retrievalFeature, compute.device, cores, bar)
                            .accuracyAt(0);
            Map<String, Double> finetuned = new LinkedHashMap<>();
            for (String fraction : fractions) {
                List<VideoEntry> labelled = LabelSubset.stratified(train, Double.parseDouble(fraction), seed);
                try (ClipSource labelledSource = ClipSources.open(labelled, evalClips, flow);
                        ClipSource testSource = ClipSources.open(test, evalClips, flow);
                        FinetuneOutcome tuned = FineTuner.run(
                                labelledSource,
                                pretrained ? encoder : null,
                                classNames,
                                finetuneSettings(view, seed, cores),
                                new ProgressBar(err, "finetune " + what))) {
                    finetuned.put(
                            fraction,
                            100
                                    * ActionPredictor.predict(
                                                    tuned.classifier(),
                                                    testSource,
                                                    testClips,
                                                    4 * testClips,
                                                    cores,
                                                    bar)
                                            .top1());
                }
            }
            return new Run(view.id(), row, seed, retrieval, finetuned, 0);
        }
    }

    private ClipSettings clips(View view, IntraNegative negative) {
        int[] size = DemoCommand.parseSize(frameSize);
        return new ClipSettings(clipLength, size[0], size[1], crop, false, view, negative, testClips).validate();
    }

    private PretrainSettings pretrainSettings(View view, IntraNegative negative, long seed, int cores) {
        return Records.builder(PretrainSettings.DEFAULTS)
                .set("model", model)
                .set("width", width)
                .set("objective", Objective.parse(objective))
                .set("modality", view)
                .set("intraNegative", negative)
                .set("normalizeFeatures", true)
                .set("epochs", epochs)
                .set("batchSize", batchSize)
                .set("learningRate", learningRate)
                .set("lrMilestones", new int[0])
                .set("simclrT", 0.1)
                .set("nceK", 128)
                .set("seed", seed)
                .set("clipLength", clipLength)
                .set("cropSize", crop)
                .set("colourJitter", colourJitter)
                .set("device", compute.device)
                .set("threads", cores)
                .build()
                .validate();
    }

    private FinetuneSettings finetuneSettings(View view, long seed, int cores) {
        return Records.builder(FinetuneSettings.DEFAULTS)
                .set("model", model)
                .set("width", width)
                .set("modality", view)
                .set("epochs", finetuneEpochs)
                .set("batchSize", batchSize)
                .set("learningRate", finetuneLr)
                .set("finetuneLearningRate", finetuneLr)
                .set("plateauPatience", 1000)
                .set("seed", seed)
                .set("clipLength", clipLength)
                .set("cropSize", crop)
                .set("testClips", testClips)
                .set("device", compute.device)
                .set("threads", cores)
                .build()
                .validate();
    }

    /** The synthetic set's optical flow, beside it in flow/ (frames in frames/); videos already done are kept. */
    private FlowFolders computeFlow(VideoDataset dataset, FlowMethod method, int[] size, int cores, ProgressBar bar)
            throws IOException {
        Path flowFolder = output.resolve("flow");
        FrameExtractor extractor = new FrameExtractor(new FrameExtractionSettings(size[0], size[1], 90, cores, method));
        List<ExtractionResult> failed =
                DecodeCommand.decode(extractor, dataset, output.resolve("frames"), flowFolder, bar).stream()
                        .filter(r -> !r.ok())
                        .toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Optical flow failed for " + failed.size() + " videos; first: "
                    + failed.get(0).video().videoId() + ": " + failed.get(0).error());
        }
        return FlowFolders.under(flowFolder);
    }

    /** Everything a cell's figures depend on besides view, row and seed: runs of another recipe do not mix. */
    private Map<String, String> recipe(SyntheticSettings synth, FlowMethod method) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put(
                "dataset",
                datasetRoot == null
                        ? "synthetic " + synth
                        : datasetRoot.toAbsolutePath().normalize().toString());
        r.put("flow", datasetRoot == null ? method.id() : Objects.toString(flowRoot, ""));
        r.put("clipLength", Integer.toString(clipLength));
        r.put("crop", Integer.toString(crop));
        r.put("testClips", Integer.toString(testClips));
        r.put("model", model);
        r.put("width", Integer.toString(width));
        r.put("objective", Objective.parse(objective).id());
        r.put("epochs", Integer.toString(epochs));
        r.put("batchSize", Integer.toString(batchSize));
        r.put("learningRate", Double.toString(learningRate));
        r.put("colourJitter", Boolean.toString(colourJitter));
        r.put("feature", ExtractSettings.Feature.parse(feature).id());
        r.put("finetuneEpochs", Integer.toString(finetuneEpochs));
        r.put("finetuneLearningRate", Double.toString(finetuneLr));
        return r;
    }

    /** Keeps the runs of an earlier ablation.json of the same recipe; refuses one of another recipe. */
    private void readPrevious(Path file, Map<String, String> recipe) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, String> before = new LinkedHashMap<>();
        List<Run> previous = new ArrayList<>();
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            json.getAsJsonObject("recipe")
                    .entrySet()
                    .forEach(e -> before.put(e.getKey(), e.getValue().getAsString()));
            for (JsonElement e : json.getAsJsonArray("runs")) {
                JsonObject o = e.getAsJsonObject();
                Map<String, Double> finetuned = new LinkedHashMap<>();
                o.getAsJsonObject("finetuneTop1")
                        .entrySet()
                        .forEach(f -> finetuned.put(f.getKey(), f.getValue().getAsDouble()));
                previous.add(new Run(
                        o.get("view").getAsString(),
                        o.get("row").getAsString(),
                        o.get("seed").getAsLong(),
                        o.get("retrievalTop1").getAsDouble(),
                        finetuned,
                        o.get("seconds").getAsDouble()));
            }
        } catch (RuntimeException e) {
            // malformed JSON, a missing member or one of the wrong type: not a file this command wrote
            throw new IllegalArgumentException(
                    file + " is not an ablation result of vidssl ablate: delete it or " + "choose another --output.",
                    e);
        }
        if (!before.equals(recipe)) {
            List<String> changed = recipe.keySet().stream()
                    .filter(k -> !recipe.get(k).equals(before.get(k)))
                    .map(k -> k + " " + before.get(k) + " -> " + recipe.get(k))
                    .toList();
            throw new UsageError(file + " holds runs of another recipe (" + String.join(", ", changed)
                    + "): choose another --output, or delete the file to start again.");
        }
        previous.forEach(r -> runs.put(r.key(), r));
    }

    /** The runs of one cell of the current grid, in seed order. */
    private List<Run> cell(String view, String row) {
        List<Run> r = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            Run run = runs.get(Run.key(view, row, seed));
            if (run != null) {
                r.add(run);
            }
        }
        return r;
    }

    private static SeedStatistics retrieval(List<Run> cell) {
        return cell.isEmpty()
                ? null
                : SeedStatistics.of(cell.stream().map(Run::retrievalTop1).toList());
    }

    private static SeedStatistics finetune(List<Run> cell, String fraction) {
        List<Double> values = cell.stream()
                .map(r -> r.finetuneTop1().get(fraction))
                .filter(Objects::nonNull)
                .toList();
        return values.isEmpty() ? null : SeedStatistics.of(values);
    }

    private Table table(List<View> viewList, List<String> rows, List<String> fractions) {
        List<String> header = new ArrayList<>(List.of("view 2", "pretraining", "seeds", "retrieval top-1"));
        fractions.forEach(f -> header.add("fine-tune top-1" + labelsText(fractions, f)));
        Table t = new Table(header.toArray(String[]::new));
        for (View view : viewList) {
            for (String row : rows) {
                List<Run> cell = cell(view.id(), row);
                List<Object> cells = new ArrayList<>(List.of(
                        view.id(), rowName(row), cell.size(), retrieval(cell).text()));
                fractions.forEach(f -> cells.add(finetune(cell, f).text()));
                t.row(cells.toArray());
            }
        }
        return t;
    }

    /**
     * Per view: every intra-negative against plain CMC (none) and every pretrained row against random init, on
     * the seeds both have (the same seed gives both the same initialisation and data order where they share them).
     */
    private Table differenceTable(List<View> viewList, List<String> rows, List<String> fractions) {
        Table t = new Table("view 2", "comparison", "figure", "difference", "SE");
        for (Map.Entry<String, Map<String, SeedStatistics>> e :
                differences(viewList, rows, fractions).entrySet()) {
            String[] parts = e.getKey().split(" ", 2);
            e.getValue()
                    .forEach((figure, d) -> t.row(
                            parts[0],
                            parts[1],
                            figure,
                            d.text(),
                            Double.isNaN(d.inErrors()) ? "-" : String.format(Locale.ROOT, "%+.1f", d.inErrors())));
        }
        return t;
    }

    /** "view row - baseline" to figure name to the statistics of the per-seed differences. */
    private Map<String, Map<String, SeedStatistics>> differences(
            List<View> viewList, List<String> rows, List<String> fractions) {
        Map<String, Map<String, SeedStatistics>> result = new LinkedHashMap<>();
        for (View view : viewList) {
            for (String baseline : List.of("none", RANDOM_INIT)) {
                if (!rows.contains(baseline)) {
                    continue;
                }
                for (String row : rows) {
                    if (row.equals(baseline) || row.equals(RANDOM_INIT)) {
                        continue;
                    }
                    Map<String, SeedStatistics> figures = new LinkedHashMap<>();
                    paired(view.id(), row, baseline, Run::retrievalTop1).ifPresent(d -> figures.put("retrieval", d));
                    for (String f : fractions) {
                        paired(view.id(), row, baseline, r -> r.finetuneTop1().get(f))
                                .ifPresent(d -> figures.put("fine-tune" + labelsText(fractions, f), d));
                    }
                    if (!figures.isEmpty()) {
                        result.put(view.id() + " " + rowName(row) + " - " + rowName(baseline), figures);
                    }
                }
            }
        }
        return result;
    }

    private java.util.Optional<SeedStatistics> paired(
            String view, String row, String baseline, java.util.function.Function<Run, Double> figure) {
        List<Double> d = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            Run a = runs.get(Run.key(view, row, seed));
            Run b = runs.get(Run.key(view, baseline, seed));
            if (a != null && b != null && figure.apply(a) != null && figure.apply(b) != null) {
                d.add(figure.apply(a) - figure.apply(b));
            }
        }
        return d.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(SeedStatistics.of(d));
    }

    private AtomicFiles.Writer chart(List<View> viewList, List<String> rows, List<String> fractions) {
        List<String> categories = new ArrayList<>();
        Map<String, List<SeedStatistics>> figures = new LinkedHashMap<>();
        figures.put("retrieval top-1", new ArrayList<>());
        fractions.forEach(f -> figures.put("fine-tune top-1" + labelsText(fractions, f), new ArrayList<>()));
        for (View view : viewList) {
            for (String row : rows) {
                categories.add(view.id() + " / " + rowName(row));
                List<Run> cell = cell(view.id(), row);
                figures.get("retrieval top-1").add(retrieval(cell));
                fractions.forEach(f -> figures.get("fine-tune top-1" + labelsText(fractions, f))
                        .add(finetune(cell, f)));
            }
        }
        return Charts.ablationChart(categories, figures, "Ablation: mean ± standard error over " + seeds + " seeds");
    }

    private AtomicFiles.Writer json(
            Map<String, String> recipe,
            VideoDataset dataset,
            List<View> viewList,
            List<String> rows,
            List<String> fractions) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tool", "vidssl " + IicPretraining.version());
        json.put("recipe", recipe);
        json.put(
                "dataset",
                Map.of(
                        "name",
                        dataset.name(),
                        "classes",
                        dataset.classCount(),
                        "train",
                        dataset.videos(Split.TRAIN).size(),
                        "test",
                        dataset.videos(Split.TEST).size()));
        json.put("seeds", seedList());
        json.put("labelFractions", fractions);
        List<Map<String, Object>> summary = new ArrayList<>();
        for (View view : viewList) {
            for (String row : rows) {
                List<Run> cell = cell(view.id(), row);
                if (cell.isEmpty()) {
                    continue;
                }
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("view", view.id());
                s.put("row", row);
                s.put("retrievalTop1", retrieval(cell).toJson());
                Map<String, Object> f = new LinkedHashMap<>();
                fractions.forEach(fr -> {
                    SeedStatistics st = finetune(cell, fr);
                    if (st != null) {
                        f.put(fr, st.toJson());
                    }
                });
                s.put("finetuneTop1", f);
                summary.add(s);
            }
        }
        json.put("summary", summary);
        Map<String, Object> differences = new LinkedHashMap<>();
        differences(viewList, rows, fractions).forEach((k, figures) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            figures.forEach((figure, d) -> m.put(figure, d.toJson()));
            differences.put(k, m);
        });
        json.put("pairedDifferences", differences);
        json.put(
                "runs",
                List.copyOf(runs.values()).stream().map(AblateCommand::runJson).toList());
        json.put("cellSeconds", seconds(viewList, rows));
        String text =
                new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(json);
        return o -> o.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> runJson(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", r.view());
        m.put("row", r.row());
        m.put("seed", r.seed());
        m.put("retrievalTop1", r.retrievalTop1());
        m.put("finetuneTop1", r.finetuneTop1());
        m.put("seconds", r.seconds());
        return m;
    }

    private double seconds(List<View> viewList, List<String> rows) {
        return viewList.stream()
                .flatMap(v -> rows.stream().flatMap(r -> cell(v.id(), r).stream()))
                .mapToDouble(Run::seconds)
                .sum();
    }

    private List<Long> seedList() {
        List<Long> s = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            s.add(seed);
        }
        return s;
    }

    /** The fractions as keys ("0.1", "1"), validated, in the order given. */
    static List<String> fractionKeys(List<Double> fractions) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) {
                throw new UsageError(
                        "--label-fractions holds " + f + ": use shares above 0 and at most 1 (e.g. 0.1,1).");
            }
            keys.add(BigDecimal.valueOf(f).stripTrailingZeros().toPlainString());
        }
        return List.copyOf(keys);
    }

    /** " (10% labels)" when more than one share of the labels is measured, else nothing. */
    private static String labelsText(List<String> fractions, String fraction) {
        if (fractions.size() == 1 && fraction.equals("1")) {
            return "";
        }
        return " ("
                + BigDecimal.valueOf(100 * Double.parseDouble(fraction))
                        .stripTrailingZeros()
                        .toPlainString() + "% labels)";
    }

    private static String finetuneText(Run run) {
        List<String> parts = new ArrayList<>();
        run.finetuneTop1()
                .forEach((f, top1) -> parts.add(String.format(Locale.ROOT, "%.1f%% (%s of the labels)", top1, f)));
        return String.join(", ", parts);
    }

    private static String rowName(String row) {
        return switch (row) {
            case RANDOM_INIT -> "random init";
            case "none" -> "CMC (none)";
            default -> "IIC " + row;
        };
    }
}
