package org.vidssl.torch.finetune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.vidssl.core.io.RunLock;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.backbone.Architecture;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.engine.GradMode;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.StateDictException;
import org.vidssl.torch.model.StateDicts;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.pretrain.TrainingDivergedException;
import org.vidssl.torch.train.HostArray;
import org.vidssl.torch.train.ReduceLrOnPlateau;
import org.vidssl.torch.train.Sgd;
import org.vidssl.torch.train.TrainingLock;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

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
 * continues as the uninterrupted run would.
 */
public final class FineTuner {

    /** Sampling epoch of the frozen validation clips (training epochs start at 1). */
    static final int VALIDATION_EPOCH = 0;
    private static final int PREFETCH_BATCHES = 3;
    private static final String EARLY_GROUP = "early";
    private static final String FINETUNE_GROUP = "finetune";
    private static final List<String> FINETUNE_NAME_PARTS = List.of("conv4", "conv5", "linear");

    private FineTuner() {
    }

    /**
     * Fine-tunes, resuming from {@code settings.checkpointDir()} when it holds a checkpoint of the same run.
     *
     * @param train      the training videos (their class indices index {@code classNames})
     * @param pretrained the pretrained encoder whose backbone weights are copied (its architecture and width are
     *                   used), or null for the random-init baseline of {@code settings.model()} and
     *                   {@code settings.width()}; not modified, not closed
     * @param classNames the classes, in class-index order
     */
    public static FinetuneOutcome run(ClipSource train, VideoEncoder pretrained, List<String> classNames,
            FinetuneSettings settings, Progress progress) {
        settings.validate();
        Progress p = progress == null ? Progress.NONE : progress;
        checkInputs(train, classNames, settings);
        Device device = Devices.parse(settings.device());
        // the folder lock first: a second run on the same checkpoint fails at once instead of queueing behind it
        try (RunLock folder = settings.checkpointDir() == null ? null
                : RunLock.folder(settings.checkpointDir(), "Checkpoint folder");
                TrainingLock.Held lock = TrainingLock.acquire(p);
                // gradients only inside the collector, whichever thread runs this (see GradMode)
                GradMode off = GradMode.disabled()) {
            return train(train, pretrained, classNames, settings, device, p);
        }
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
        return List.of(new Sgd.Group(EARLY_GROUP, early, s.learningRate()),
                new Sgd.Group(FINETUNE_GROUP, late, s.finetuneLearningRate()));
    }

    private static void checkInputs(ClipSource source, List<String> classNames, FinetuneSettings s) {
        if (classNames == null || classNames.size() < 2) {
            throw new IllegalArgumentException("Fine-tuning needs at least 2 classes, got "
                    + (classNames == null ? "none" : classNames) + ".");
        }
        List<VideoEntry> videos = source.videos();
        for (VideoEntry v : videos) {
            int c = v.classIndex();
            if (c < 0 || c >= classNames.size()) {
                throw new IllegalArgumentException("Video '" + v.videoId() + "' has class index " + c + " but there are "
                        + classNames.size() + " classes: give the class names of the whole dataset.");
            }
            if (!classNames.get(c).equals(v.className())) {
                throw new IllegalArgumentException("Video '" + v.videoId() + "' is of class '" + v.className()
                        + "' but class " + c + " is named '" + classNames.get(c) + "': the class list does not match "
                        + "the dataset.");
            }
        }
        var clips = source.settings();
        if (clips.clipLength() != s.clipLength() || clips.cropSize() != s.cropSize()) {
            throw new IllegalArgumentException("The clip source makes " + clips.clipLength() + "-frame clips cropped to "
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

    private static FinetuneOutcome train(ClipSource source, VideoEncoder pretrained, List<String> classNames,
            FinetuneSettings s, Device device, Progress p) {
        ValidationSplit split = ValidationSplit.of(source.videos(),
                s.validationCount(source.videos().size(), classNames.size()), s.seed());
        ActionClassifier model = initialModel(pretrained, classNames, s, InputSpec.of(source.settings()), device);
        boolean ok = false;
        try {
            VideoBackbone backbone = model.backbone();
            ParameterStore store = new ParameterStore(model.manager(), false);
            try (Sgd sgd = new Sgd(model.manager(), parameterGroups(backbone, s), s.momentum(), s.weightDecay())) {
                List<ReduceLrOnPlateau> schedulers = List.of(
                        new ReduceLrOnPlateau(s.learningRate(), s.plateauFactor(), s.plateauPatience(),
                                s.minLearningRate()),
                        new ReduceLrOnPlateau(s.finetuneLearningRate(), s.plateauFactor(), s.plateauPatience(),
                                s.minLearningRate()));
                Run run = new Run(s, resumeKey(s, model.header()), split, backbone, sgd, schedulers);
                run.resume();
                run.loop(source, store, model, p);
                StateDicts.load(backbone, run.bestWeights, "the best weights of epoch " + run.bestEpoch, true);
                ClassifierHeader header = model.header().withTraining(trainingRecord(s, split), run.lastEpoch,
                        run.bestEpoch, run.bestLoss);
                ActionClassifier result = model.withHeader(header);
                ok = true;
                return new FinetuneOutcome(result, run.history);
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
    private static ActionClassifier initialModel(VideoEncoder pretrained, List<String> classNames,
            FinetuneSettings s, InputSpec input, Device device) {
        Architecture architecture = pretrained == null ? Architecture.fromId(s.model())
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
            return pretrained == null ? ActionClassifier.create(header, device, s.seed())
                    : ActionClassifier.fromEncoder(pretrained, header, device, s.seed());
        } catch (StateDictException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Settings that a checkpoint must share with the run that resumes it (not epochs, device, threads, folder). */
    static String resumeKey(FinetuneSettings s, ClassifierHeader header) {
        return Records.builder(s).set("epochs", 1).set("device", "cpu").set("threads", 1).set("checkpointDir", null)
                .set("checkpointInterval", 1).build()
                + " " + header.architecture() + " " + header.classes() + " " + header.provenance();
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

    /** The mutable state of one fine-tuning run. */
    private static final class Run {
        private final FinetuneSettings s;
        private final String key;
        private final ValidationSplit split;
        private final VideoBackbone backbone;
        private final Sgd sgd;
        private final List<ReduceLrOnPlateau> schedulers;
        private final List<FinetuneEpoch> history = new ArrayList<>();
        /** The input clips of one step at a time (training and validation run one after the other). */
        private final StagingBuffers staging = new StagingBuffers(1);
        private Map<String, NpyArray> bestWeights;
        private int bestEpoch;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private int lastEpoch;

        Run(FinetuneSettings s, String key, ValidationSplit split, VideoBackbone backbone, Sgd sgd,
                List<ReduceLrOnPlateau> schedulers) {
            this.s = s;
            this.key = key;
            this.split = split;
            this.backbone = backbone;
            this.sgd = sgd;
            this.schedulers = schedulers;
            this.bestWeights = StateDicts.export(backbone);
        }

        void loop(ClipSource source, ParameterStore store, ActionClassifier model, Progress p) {
            int trainVideos = split.train().length;
            int validationVideos = split.validation().length;
            int trainSteps = (trainVideos + s.batchSize() - 1) / s.batchSize();
            int validationSteps = (validationVideos + s.batchSize() - 1) / s.batchSize();
            int totalSteps = Math.max(1, (trainSteps + validationSteps) * (s.epochs() - lastEpoch));
            int stepsDone = 0;
            for (int epoch = lastEpoch + 1; epoch <= s.epochs(); epoch++) {
                long start = System.nanoTime();
                double lr = schedulers.get(0).learningRate();
                double ftLr = schedulers.get(1).learningRate();
                sgd.groups().get(0).setLearningRate(lr);
                sgd.groups().get(1).setLearningRate(ftLr);
                double lossSum = 0;
                int correct = 0;
                int clips = 0;
                try (BatchLoader loader = BatchLoader.training(source, split.train(), s.batchSize(), false, s.seed(),
                        epoch, s.effectiveThreads(), PREFETCH_BATCHES, p)) {
                    int step = 0;
                    while (loader.hasNext()) {
                        p.checkCancelled();
                        ClipBatch batch = loader.next();
                        step++;
                        float[] lossAndCorrect = trainStep(batch, model, store, epoch, step);
                        lossSum += lossAndCorrect[0] * batch.size();
                        correct += (int) lossAndCorrect[1];
                        clips += batch.size();
                        stepsDone++;
                        p.report((double) stepsDone / totalSteps, String.format(Locale.ROOT,
                                "Epoch %d/%d step %d/%d: loss %.4f, accuracy %.3f, lr %.3g / %.3g", epoch, s.epochs(),
                                step, loader.batchCount(), lossAndCorrect[0], (double) correct / clips, lr, ftLr));
                    }
                }
                double[] validation = validate(source, model, epoch, p);
                stepsDone += validationSteps;
                schedulers.forEach(r -> r.step(validation[0]));
                boolean best = validation[0] < bestLoss;
                if (best) {
                    bestLoss = validation[0];
                    bestEpoch = epoch;
                    bestWeights = StateDicts.export(backbone);
                }
                FinetuneEpoch record = new FinetuneEpoch(epoch, lossSum / clips, (double) correct / clips,
                        validation[0], validation[1], lr, ftLr, (System.nanoTime() - start) / 1e9, best);
                history.add(record);
                p.report((double) stepsDone / totalSteps, String.format(Locale.ROOT,
                        "Epoch %d/%d: train loss %.4f, accuracy %.3f; validation loss %.4f, accuracy %.3f%s", epoch,
                        s.epochs(), record.trainLoss(), record.trainAccuracy(), record.validationLoss(),
                        record.validationAccuracy(), best ? " (best so far)" : ""));
                lastEpoch = epoch;
                if (s.checkpointDir() != null && (epoch % s.checkpointInterval() == 0 || epoch == s.epochs())) {
                    writeCheckpoint();
                }
            }
        }

        /** One SGD step; returns {mean loss, correct clips}. */
        private float[] trainStep(ClipBatch batch, ActionClassifier model, ParameterStore store, int epoch, int step) {
            try (NDScope scope = new NDScope(); NDManager bm = model.manager().newSubManager()) {
                NDArray input = model.input(bm, batch, staging);
                NDArray labels = labels(bm, batch);
                sgd.zeroGradients();
                float loss;
                int correct;
                try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                    NDArray logits = backbone.forward(store, new NDList(input), true).singletonOrThrow();
                    NDArray lossArray = crossEntropy(logits, labels);
                    loss = lossArray.getFloat();
                    if (!Float.isFinite(loss)) {
                        throw new TrainingDivergedException(epoch, step, "The training loss became " + loss
                                + " at epoch " + epoch + ", step " + step + ": fine-tuning diverged. Lower the learning"
                                + " rates; the last good checkpoint" + (s.checkpointDir() == null
                                        ? " (none: no checkpoint folder set)" : " in " + s.checkpointDir())
                                + " is kept.");
                    }
                    correct = correct(logits, labels);
                    collector.backward(lossArray);
                }
                if (!sgd.gradientsAreFinite()) {
                    throw new TrainingDivergedException(epoch, step, "The gradient became infinite or NaN at epoch "
                            + epoch + ", step " + step + " (loss " + loss + "): fine-tuning diverged, the weights were"
                            + " not updated. Lower the learning rates.");
                }
                sgd.step();
                return new float[] {loss, correct};
            }
        }

        /** {mean loss, accuracy} over the held-out videos, BatchNorm in inference mode. */
        private double[] validate(ClipSource source, ActionClassifier model, int epoch, Progress p) {
            double lossSum = 0;
            int correct = 0;
            int clips = 0;
            try (BatchLoader loader = BatchLoader.training(source, split.validation(), s.batchSize(), false, s.seed(),
                    VALIDATION_EPOCH, s.effectiveThreads(), PREFETCH_BATCHES, p)) {
                while (loader.hasNext()) {
                    p.checkCancelled();
                    ClipBatch batch = loader.next();
                    try (NDScope scope = new NDScope(); NDManager bm = model.manager().newSubManager()) {
                        NDArray logits = model.logits(model.input(bm, batch, staging));
                        NDArray labels = labels(bm, batch);
                        lossSum += crossEntropy(logits, labels).getFloat() * batch.size();
                        correct += correct(logits, labels);
                        clips += batch.size();
                    }
                }
            }
            double loss = lossSum / clips;
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException(epoch, 0, "The validation loss became " + loss + " at epoch "
                        + epoch + ": fine-tuning diverged. Lower the learning rates.");
            }
            return new double[] {loss, (double) correct / clips};
        }

        void resume() {
            if (s.checkpointDir() == null || !Files.exists(FinetuneCheckpoint.file(s.checkpointDir()))) {
                return;
            }
            FinetuneCheckpoint c;
            try {
                c = FinetuneCheckpoint.read(FinetuneCheckpoint.file(s.checkpointDir()));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            if (!c.settings().equals(key)) {
                throw new IllegalArgumentException("The fine-tuning checkpoint in " + s.checkpointDir() + " was written"
                        + " by a run with other settings, classes or encoder (" + c.settings() + "): use another"
                        + " checkpoint folder or delete " + FinetuneCheckpoint.FILE_NAME + " to start over.");
            }
            String name = FinetuneCheckpoint.file(s.checkpointDir()).toString();
            try {
                StateDicts.load(backbone, c.model(), name + "!model", true);
            } catch (StateDictException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            Map<String, HostArray> buffers = new LinkedHashMap<>();
            c.optimizer().forEach((k, v) -> buffers.put(k, new HostArray(v.shape(), v.data())));
            sgd.loadState(buffers);
            for (int i = 0; i < schedulers.size(); i++) {
                schedulers.get(i).restore(c.schedulers().get(i));
            }
            bestWeights = c.best();
            bestEpoch = c.bestEpoch();
            bestLoss = c.bestValidationLoss();
            history.addAll(c.history());
            lastEpoch = c.epoch();
        }

        private void writeCheckpoint() {
            Map<String, NpyArray> optimizer = new LinkedHashMap<>();
            sgd.state().forEach((k, v) -> optimizer.put(k, new NpyArray(v.shape(), v.data())));
            List<double[]> schedulerStates = schedulers.stream().map(ReduceLrOnPlateau::state).toList();
            try {
                new FinetuneCheckpoint(lastEpoch, key, bestEpoch, bestLoss, schedulerStates, List.copyOf(history),
                        StateDicts.export(backbone), bestWeights, optimizer).write(s.checkpointDir());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the fine-tuning checkpoint to " + s.checkpointDir()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** Mean softmax cross-entropy of logits N x classes against integer labels (PyTorch's CrossEntropyLoss). */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray oneHot = labels.oneHot((int) logits.getShape().get(1)).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }

    /** Class indices as int64, the type PyTorch's one_hot wants. */
    private static NDArray labels(NDManager manager, ClipBatch batch) {
        return manager.create(java.util.Arrays.stream(batch.labels()).asLongStream().toArray());
    }

    private static int correct(NDArray logits, NDArray labels) {
        return (int) logits.argMax(1).eq(labels).sum().toLongArray()[0];
    }
}
