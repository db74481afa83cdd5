package org.vidssl.torch.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vidssl.core.clip.BatchLoader;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.finetune.ValidationSplit;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.StateDictException;
import org.vidssl.torch.model.StateDicts;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.train.ReduceLrOnPlateau;
import org.vidssl.torch.train.Sgd;
import org.vidssl.torch.train.TrainingCheckpoint;
import org.vidssl.torch.train.TrainingDivergedException;
import org.vidssl.torch.train.TrainingLoop;

/**
 * Fine-tuning for action recognition (reference {@code ft_classify.py}): the backbone, from a pretrained encoder or
 * randomly initialised, plus a {@code Linear(512, classes)} head, trained with softmax cross-entropy and SGD in two
 * parameter groups (the reference's: every parameter whose name contains {@code conv4}, {@code conv5} or
 * {@code linear} gets the fine-tune learning rate, the rest the base rate). A seeded hold-out of the training
 * videos is validated after every epoch; ReduceLROnPlateau follows the validation loss and the weights of the
 * epoch with the lowest validation loss are kept (copied to the Java heap) and returned.
 *
 * <p>Training: one random clip per video per epoch, shuffled, the last partial batch kept (the reference's
 * DataLoader). Validation: one clip per held-out video drawn like a training clip (random start and crop, as the
 * reference's validation subset shares the training transforms) but the same clip every epoch, so validation
 * losses compare across epochs. Everything random derives from the seed, so a run resumed from a checkpoint
 * continues as the uninterrupted run would. The locks, the loop, progress, cancellation, the stop on a non-finite
 * loss or gradient, checkpoints and resume are the shared {@link TrainingLoop}'s; this class adds the step, the
 * validation, the best weights and the schedulers.
 */
public final class FineTuner {

    /** Sampling epoch of the frozen validation clips (training epochs start at 1). */
    static final int VALIDATION_EPOCH = 0;

    private static final String EARLY_GROUP = "early";
    private static final String FINETUNE_GROUP = "finetune";
    private static final List<String> FINETUNE_NAME_PARTS = List.of("conv4", "conv5", "linear");
    /** The checkpoint file in a checkpoint folder (pretraining's has another name, so one folder can hold both). */
    public static final String CHECKPOINT_FILE_NAME = "finetune-checkpoint.zip";

    private FineTuner() {}

    /**
     * Fine-tunes, resuming from {@code settings.checkpointDir()} when it holds a checkpoint of the same run.
     *
     * @param train      the training videos (their class indices index {@code classNames})
     * @param pretrained the pretrained encoder whose backbone weights are copied (its architecture and width are
     *                   used), or null for the random-init baseline of {@code settings.model()} and
     *                   {@code settings.width()}; not modified, not closed
     * @param classNames the classes, in class-index order
     */
    public static FinetuneOutcome run(
            ClipSource train,
            VideoEncoder pretrained,
            List<String> classNames,
            FinetuneSettings settings,
            Progress progress) {
        settings.validate();
        Progress p = progress == null ? Progress.NONE : progress;
        checkInputs(train, classNames, settings);
        Device device = Devices.parse(settings.device());
        return TrainingLoop.holdingLocks(
                settings.checkpointDir(), p, () -> train(train, pretrained, classNames, settings, device, p));
    }

    /** The checkpoint file of fine-tuning in a checkpoint folder. */
    public static Path checkpointFile(Path folder) {
        return folder.resolve(CHECKPOINT_FILE_NAME);
    }

    /** The reference's parameter groups: conv4/conv5/linear at the fine-tune rate, the rest at the base rate. */
    public static List<Sgd.Group> parameterGroups(VideoBackbone backbone, FinetuneSettings s) {
        List<Parameter> early = new ArrayList<>();
        List<Parameter> late = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : backbone.torchParameters().entrySet()) {
            if (e.getValue().requiresGradient()) {
                boolean isLate = FINETUNE_NAME_PARTS.stream().anyMatch(e.getKey()::contains);
                (isLate ? late : early).add(e.getValue());
            }
        }
        return List.of(
                new Sgd.Group(EARLY_GROUP, early, s.learningRate()),
                new Sgd.Group(FINETUNE_GROUP, late, s.finetuneLearningRate()));
    }

    private static void checkInputs(ClipSource source, List<String> classNames, FinetuneSettings s) {
        if (classNames == null || classNames.size() < 2) {
            throw new IllegalArgumentException(
                    "Fine-tuning needs at least 2 classes, got " + (classNames == null ? "none" : classNames) + ".");
        }
        List<VideoEntry> videos = source.videos();
        for (VideoEntry v : videos) {
            int c = v.classIndex();
            if (c < 0 || c >= classNames.size()) {
                throw new IllegalArgumentException(
                        "Video '" + v.videoId() + "' has class index " + c + " but there are " + classNames.size()
                                + " classes: give the class names of the whole dataset.");
            }
            if (!classNames.get(c).equals(v.className())) {
                throw new IllegalArgumentException("Video '" + v.videoId() + "' is of class '" + v.className()
                        + "' but class " + c + " is named '" + classNames.get(c) + "': the class list does not match "
                        + "the dataset.");
            }
        }
        var clips = source.settings();
        if (clips.clipLength() != s.clipLength() || clips.cropSize() != s.cropSize()) {
            throw new IllegalArgumentException("The clip source makes " + clips.clipLength()
                    + "-frame clips cropped to "
                    + clips.cropSize() + " but the fine-tuning settings say clip length " + s.clipLength() + ", crop "
                    + s.cropSize() + ": make them agree.");
        }
        s.validationCount(videos.size(), classNames.size()); // throws when the set is too small
        if (s.modality().needsFlow()) {
            Clip probe = source.trainClip(0, s.seed(), 1);
            if ((s.modality() == View.U ? probe.flowU() : probe.flowV()) == null) {
                throw new IllegalArgumentException("Modality '" + s.modality().id() + "' needs optical flow, but the "
                        + "clip source has none: add flow folders or use res/rgb.");
            }
        }
    }

    private static FinetuneOutcome train(
            ClipSource source,
            VideoEncoder pretrained,
            List<String> classNames,
            FinetuneSettings s,
            Device device,
            Progress p) {
        ValidationSplit split = ValidationSplit.of(
                source.videos(), s.validationCount(source.videos().size(), classNames.size()), s.seed());
        ActionClassifier model = initialModel(pretrained, classNames, s, InputSpec.of(source.settings()), device);
        boolean ok = false;
        try {
            VideoBackbone backbone = model.backbone();
            ParameterStore store = new ParameterStore(model.manager(), false);
            try (Sgd sgd = new Sgd(model.manager(), parameterGroups(backbone, s), s.momentum(), s.weightDecay())) {
                List<ReduceLrOnPlateau> schedulers = List.of(
                        new ReduceLrOnPlateau(
                                s.learningRate(), s.plateauFactor(), s.plateauPatience(), s.minLearningRate()),
                        new ReduceLrOnPlateau(
                                s.finetuneLearningRate(), s.plateauFactor(), s.plateauPatience(), s.minLearningRate()));
                Run run = new Run(source, s, split, model, store, sgd, schedulers);
                TrainingLoop.Plan<FinetuneEpoch> plan = new TrainingLoop.Plan<>(
                        s.checkpointDir(),
                        CHECKPOINT_FILE_NAME,
                        resumeKey(s, model.header()),
                        s.epochs(),
                        s.checkpointInterval(),
                        FinetuneEpoch.class);
                List<FinetuneEpoch> history = new TrainingLoop<>(plan).run(run, p);
                StateDicts.load(backbone, run.bestWeights, "the best weights of epoch " + run.bestEpoch, true);
                int lastEpoch =
                        history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
                ClassifierHeader header =
                        model.header().withTraining(trainingRecord(s, split), lastEpoch, run.bestEpoch, run.bestLoss);
                ActionClassifier result = model.withHeader(header);
                ok = true;
                return new FinetuneOutcome(result, history);
            }
        } catch (StateDictException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            if (!ok) {
                model.close();
            }
        }
    }

    /** @param input the geometry of the clips it trains on, recorded in the classifier's header */
    private static ActionClassifier initialModel(
            VideoEncoder pretrained, List<String> classNames, FinetuneSettings s, InputSpec input, Device device) {
        Backbone architecture = pretrained == null
                ? Backbone.parse(s.model())
                : pretrained.header().architecture();
        int width = pretrained == null ? s.width() : pretrained.header().width();
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("tool", "vidssl fine-tuner");
        if (pretrained == null) {
            provenance.put("initialisation", "random (seed " + s.seed() + ")");
        } else {
            provenance.put("initialisation", "pretrained encoder");
            provenance.put("encoderModality", pretrained.header().modality());
            provenance.put("encoderEpoch", Integer.toString(pretrained.header().epoch()));
            pretrained.header().provenance().forEach((k, v) -> provenance.put("encoder." + k, v));
        }
        ClassifierHeader header = ClassifierHeader.of(architecture, classNames, input, s.modality(), width)
                .withProvenance(provenance);
        try {
            return pretrained == null
                    ? ActionClassifier.create(header, device, s.seed())
                    : ActionClassifier.fromEncoder(pretrained, header, device, s.seed());
        } catch (StateDictException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Settings that a checkpoint must share with the run that resumes it (not epochs, device, threads, folder). */
    static String resumeKey(FinetuneSettings s, ClassifierHeader header) {
        return TrainingCheckpoint.settingsKey(
                s, header.architecture() + " " + header.classes() + " " + header.provenance());
    }

    private static Map<String, String> trainingRecord(FinetuneSettings s, ValidationSplit split) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", s.model());
        m.put("width", Integer.toString(s.width()));
        m.put("modality", s.modality().id());
        m.put("epochs", Integer.toString(s.epochs()));
        m.put("batchSize", Integer.toString(s.batchSize()));
        m.put("learningRate", Double.toString(s.learningRate()));
        m.put("finetuneLearningRate", Double.toString(s.finetuneLearningRate()));
        m.put("momentum", Double.toString(s.momentum()));
        m.put("weightDecay", Double.toString(s.weightDecay()));
        m.put("validationVideos", Integer.toString(split.validation().length));
        m.put("trainingVideos", Integer.toString(split.train().length));
        m.put("plateauPatience", Integer.toString(s.plateauPatience()));
        m.put("plateauFactor", Double.toString(s.plateauFactor()));
        m.put("minLearningRate", Double.toString(s.minLearningRate()));
        m.put("seed", Long.toString(s.seed()));
        m.put("clipLength", Integer.toString(s.clipLength()));
        m.put("cropSize", Integer.toString(s.cropSize()));
        return m;
    }

    /** What fine-tuning adds to the shared loop: cross-entropy steps, validation, the best weights, schedulers. */
    private static final class Run implements TrainingLoop.Trainer<FinetuneEpoch> {
        private static final String MODEL = "model";
        private static final String BEST = "best";
        private static final String OPTIMIZER = "optimizer";
        private static final String BEST_EPOCH = "bestEpoch";
        private static final String BEST_LOSS = "bestValidationLoss";
        private static final String SCHEDULER = "scheduler/";

        private final ClipSource source;
        private final FinetuneSettings s;
        private final ValidationSplit split;
        private final ActionClassifier model;
        private final VideoBackbone backbone;
        private final ParameterStore store;
        private final Sgd sgd;
        private final List<ReduceLrOnPlateau> schedulers;
        private Map<String, NpyArray> bestWeights;
        private int bestEpoch;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private double lr;
        private double ftLr;
        private long epochStart;
        private double lossSum;
        private int correct;
        private int clips;
        /** The figures of the current step, read in {@link #forward}. */
        private float stepLoss;

        private int stepCorrect;

        Run(
                ClipSource source,
                FinetuneSettings s,
                ValidationSplit split,
                ActionClassifier model,
                ParameterStore store,
                Sgd sgd,
                List<ReduceLrOnPlateau> schedulers) {
            this.source = source;
            this.s = s;
            this.split = split;
            this.model = model;
            this.backbone = model.backbone();
            this.store = store;
            this.sgd = sgd;
            this.schedulers = schedulers;
            this.bestWeights = StateDicts.export(backbone);
        }

        @Override
        public String name() {
            return "fine-tuning";
        }

        @Override
        public String lossName() {
            return "training loss";
        }

        @Override
        public String divergenceAdvice() {
            return "Lower the learning rates";
        }

        @Override
        public Sgd optimizer() {
            return sgd;
        }

        @Override
        public int stagingSlots() {
            return 1; // the input clips; training and validation run one after the other
        }

        @Override
        public NDManager manager() {
            return model.manager();
        }

        @Override
        public int stepsPerEpoch() {
            return (split.train().length + s.batchSize() - 1) / s.batchSize();
        }

        @Override
        public int evaluationSteps() {
            return (split.validation().length + s.batchSize() - 1) / s.batchSize();
        }

        @Override
        public void startEpoch(int epoch) {
            lr = schedulers.get(0).learningRate();
            ftLr = schedulers.get(1).learningRate();
            sgd.groups().get(0).setLearningRate(lr);
            sgd.groups().get(1).setLearningRate(ftLr);
            lossSum = 0;
            correct = 0;
            clips = 0;
            epochStart = System.nanoTime();
        }

        @Override
        public BatchLoader batches(int epoch, Progress p) {
            return BatchLoader.training(
                    source,
                    split.train(),
                    s.batchSize(),
                    false,
                    s.seed(),
                    epoch,
                    s.effectiveThreads(),
                    TrainingLoop.PREFETCH_BATCHES,
                    p);
        }

        @Override
        public TrainingLoop.Loss forward(ClipBatch batch, NDManager bm, StagingBuffers staging, int epoch, int step) {
            NDArray input = model.input(bm, batch, staging);
            NDArray labels = labels(bm, batch);
            NDArray logits = backbone.forward(store, new NDList(input), true).singletonOrThrow();
            NDArray loss = crossEntropy(logits, labels);
            stepLoss = loss.getFloat();
            stepCorrect = Float.isFinite(stepLoss) ? correct(logits, labels) : 0;
            return new TrainingLoop.Loss(loss, stepLoss);
        }

        @Override
        public String stepMessage(ClipBatch batch, TrainingLoop.Position at) {
            lossSum += stepLoss * batch.size();
            correct += stepCorrect;
            clips += batch.size();
            return String.format(
                    Locale.ROOT,
                    "Epoch %d/%d step %d/%d: loss %.4f, accuracy %.3f, lr %.3g / %.3g",
                    at.epoch(),
                    s.epochs(),
                    at.step(),
                    at.steps(),
                    stepLoss,
                    (double) correct / clips,
                    lr,
                    ftLr);
        }

        @Override
        public TrainingLoop.Epoch<FinetuneEpoch> endEpoch(
                int epoch, double seconds, StagingBuffers staging, Progress p) {
            double[] validation = validate(epoch, staging, p);
            schedulers.forEach(r -> r.step(validation[0]));
            boolean best = validation[0] < bestLoss;
            if (best) {
                bestLoss = validation[0];
                bestEpoch = epoch;
                bestWeights = StateDicts.export(backbone);
            }
            // the epoch's time includes its validation
            FinetuneEpoch record = new FinetuneEpoch(
                    epoch,
                    lossSum / clips,
                    (double) correct / clips,
                    validation[0],
                    validation[1],
                    lr,
                    ftLr,
                    (System.nanoTime() - epochStart) / 1e9,
                    best);
            return new TrainingLoop.Epoch<>(
                    record,
                    String.format(
                            Locale.ROOT,
                            "Epoch %d/%d: train loss %.4f, accuracy %.3f; validation loss %.4f, accuracy %.3f%s",
                            epoch,
                            s.epochs(),
                            record.trainLoss(),
                            record.trainAccuracy(),
                            record.validationLoss(),
                            record.validationAccuracy(),
                            best ? " (best so far)" : ""));
        }

        /** {mean loss, accuracy} over the held-out videos, BatchNorm in inference mode. */
        private double[] validate(int epoch, StagingBuffers staging, Progress p) {
            double sum = 0;
            int right = 0;
            int count = 0;
            try (BatchLoader loader = BatchLoader.training(
                    source,
                    split.validation(),
                    s.batchSize(),
                    false,
                    s.seed(),
                    VALIDATION_EPOCH,
                    s.effectiveThreads(),
                    TrainingLoop.PREFETCH_BATCHES,
                    p)) {
                while (loader.hasNext()) {
                    p.checkCancelled();
                    ClipBatch batch = loader.next();
                    try (NDScope scope = new NDScope();
                            NDManager bm = model.manager().newSubManager()) {
                        NDArray logits = model.logits(model.input(bm, batch, staging));
                        NDArray labels = labels(bm, batch);
                        sum += crossEntropy(logits, labels).getFloat() * batch.size();
                        right += correct(logits, labels);
                        count += batch.size();
                    }
                }
            }
            double loss = sum / count;
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException(
                        epoch,
                        0,
                        "The validation loss became " + loss + " at epoch " + epoch
                                + ": fine-tuning diverged. Lower the learning rates.");
            }
            return new double[] {loss, (double) right / count};
        }

        @Override
        public void save(Map<String, NpyArray> arrays, Map<String, double[]> numbers) {
            StateDicts.export(backbone).forEach((k, v) -> arrays.put(MODEL + "/" + k, v));
            bestWeights.forEach((k, v) -> arrays.put(BEST + "/" + k, v));
            sgd.state().forEach((k, v) -> arrays.put(OPTIMIZER + "/" + k, v));
            numbers.put(BEST_EPOCH, new double[] {bestEpoch});
            numbers.put(BEST_LOSS, new double[] {bestLoss});
            for (int i = 0; i < schedulers.size(); i++) {
                numbers.put(SCHEDULER + i, schedulers.get(i).state());
            }
        }

        @Override
        public void restore(TrainingCheckpoint<FinetuneEpoch> c, Path file) {
            try {
                StateDicts.load(backbone, c.group(MODEL), file + "!model", true);
            } catch (StateDictException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            sgd.loadState(c.group(OPTIMIZER));
            for (int i = 0; i < schedulers.size(); i++) {
                schedulers.get(i).restore(c.number(SCHEDULER + i, file));
            }
            bestWeights = c.group(BEST);
            bestEpoch = (int) c.number(BEST_EPOCH, file)[0];
            bestLoss = c.number(BEST_LOSS, file)[0];
        }
    }

    /** Mean softmax cross-entropy of logits N x classes against integer labels (PyTorch's CrossEntropyLoss). */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray oneHot = labels.oneHot((int) logits.getShape().get(1)).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }

    /** Class indices as int64, the type PyTorch's one_hot wants. */
    private static NDArray labels(NDManager manager, ClipBatch batch) {
        return manager.create(
                java.util.Arrays.stream(batch.labels()).asLongStream().toArray());
    }

    private static int correct(NDArray logits, NDArray labels) {
        return (int) logits.argMax(1).eq(labels).sum().toLongArray()[0];
    }
}
