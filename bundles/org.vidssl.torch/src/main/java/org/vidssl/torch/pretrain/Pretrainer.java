package org.vidssl.torch.pretrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vidssl.core.clip.BatchLoader;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.objective.ContrastiveObjective;
import org.vidssl.torch.objective.MemoryBankObjective;
import org.vidssl.torch.objective.MocoObjective;
import org.vidssl.torch.objective.SimClrObjective;
import org.vidssl.torch.train.HostArrays;
import org.vidssl.torch.train.MultiStepSchedule;
import org.vidssl.torch.train.Sgd;
import org.vidssl.torch.train.StatefulRandom;
import org.vidssl.torch.train.TrainingCheckpoint;
import org.vidssl.torch.train.TrainingLoop;
import org.vidssl.torch.views.ColourJitter;
import org.vidssl.torch.views.IntraNegatives;
import org.vidssl.torch.views.Views;

/**
 * IIC pretraining (reference {@code train_ssl.py}). Per step: view 1 = the RGB batch, view 2 and the
 * intra-negative made from it on the device, three forward passes through the same encoder, the
 * objective, backward, SGD. One random clip per video per epoch, the last partial batch dropped, the
 * learning rate stepped per epoch. Everything random derives from the seed, so a run resumed from a
 * checkpoint continues exactly as an uninterrupted one would. The locks, the loop, progress, cancellation, the stop
 * on a non-finite loss or gradient, checkpoints and resume are the shared {@link TrainingLoop}'s; this class adds
 * the step, the objective and their state.
 */
public final class Pretrainer {

    private static final long NEGATIVE_SEED_SALT = 0x1A2B3C4DL;
    private static final long JITTER_SEED_SALT = 0x5C0104EL;

    /** The checkpoint file in a checkpoint folder (fine-tuning's has another name, so one folder can hold both). */
    public static final String CHECKPOINT_FILE_NAME = "checkpoint.zip";

    private final Device device;
    private Consumer<StepReport> stepListener = r -> {};

    /** @param device where the encoder trains (the lead maps settings.device() with Devices.parse) */
    public Pretrainer(Device device) {
        this.device = device;
    }

    /** Receives every step's figures (for a chart or a log); the Progress gets them as text anyway. */
    public Pretrainer onStep(Consumer<StepReport> listener) {
        this.stepListener = listener;
        return this;
    }

    /**
     * Trains, resuming from {@code settings.checkpointDir()} when it holds a checkpoint of the same settings.
     *
     * @param encoderFactory builds an uninitialised encoder whose output is N x featureDim
     */
    public PretrainResult run(
            ClipSource source, PretrainSettings settings, Supplier<Block> encoderFactory, Progress progress) {
        settings.validate();
        // Loads DJL's engine under this bundle's class loader. Inside OSGi (KNIME) the caller's context class loader
        // sees no engine, and DJL remembers a failed discovery for the whole JVM (OsgiRuntimeTest shows both).
        TorchRuntime.engine();
        Progress p = progress == null ? Progress.NONE : progress;
        int videos = source.videos().size();
        if (videos < settings.batchSize()) {
            throw new IllegalArgumentException("The training set has " + videos + " videos, fewer than the batch size "
                    + settings.batchSize() + ": use a smaller batch size (the last partial batch is dropped).");
        }
        if (settings.modality().needsFlow() && !hasFlow(source, settings)) {
            throw new IllegalArgumentException(
                    "Modality '" + settings.modality().id()
                            + "' needs optical flow, but the clip source has none: add flow folders or use res/rgb.");
        }
        return TrainingLoop.holdingLocks(settings.checkpointDir(), p, () -> train(source, settings, encoderFactory, p));
    }

    /** The checkpoint file of pretraining in a checkpoint folder. */
    public static Path checkpointFile(Path folder) {
        return folder.resolve(CHECKPOINT_FILE_NAME);
    }

    private static boolean hasFlow(ClipSource source, PretrainSettings s) {
        org.vidssl.core.clip.Clip probe = source.trainClip(0, s.seed(), 1);
        return s.modality() == View.U ? probe.flowU() != null : probe.flowV() != null;
    }

    private PretrainResult train(ClipSource source, PretrainSettings s, Supplier<Block> encoderFactory, Progress p) {
        NDManager modelManager = NDManager.newBaseManager(device);
        boolean ok = false;
        try {
            Shape inputShape = new Shape(s.batchSize(), 3, s.clipLength(), s.cropSize(), s.cropSize());
            // DJL's initialisers draw from the engine's generator; training holds the lock, so this is ours
            Engine.getInstance().setRandomSeed((int) s.seed());
            Block encoder = encoderFactory.get();
            encoder.initialize(modelManager, DataType.FLOAT32, inputShape);
            int videos = source.videos().size();
            try (ContrastiveObjective objective =
                            createObjective(s, modelManager, encoder, encoderFactory, inputShape, videos);
                    Sgd sgd = new Sgd(
                            modelManager,
                            List.of(new Sgd.Group("encoder", Sgd.trainable(encoder), s.learningRate())),
                            s.momentum(),
                            s.weightDecay())) {
                Steps steps = new Steps(
                        source, s, encoder, new ParameterStore(modelManager, false), objective, sgd, modelManager);
                TrainingLoop.Plan<EpochRecord> plan = new TrainingLoop.Plan<>(
                        s.checkpointDir(),
                        CHECKPOINT_FILE_NAME,
                        resumeKey(s),
                        s.epochs(),
                        s.checkpointInterval(),
                        EpochRecord.class);
                List<EpochRecord> history = new TrainingLoop<>(plan).run(steps, p);
                ok = true;
                return new PretrainResult(encoder, List.copyOf(history), modelManager);
            }
        } finally {
            if (!ok) {
                modelManager.close();
            }
        }
    }

    /** What pretraining adds to the shared loop: three views, the contrastive objective, its state. */
    private final class Steps implements TrainingLoop.Trainer<EpochRecord> {
        private final ClipSource source;
        private final PretrainSettings s;
        private final Block encoder;
        private final ParameterStore store;
        private final ContrastiveObjective objective;
        private final Sgd sgd;
        private final NDManager modelManager;
        private final MultiStepSchedule schedule;
        private double lr;
        /** Sums of loss 1, loss 2, p 1, p 2 over the epoch's steps. */
        private final double[] sums = new double[4];

        private int steps;
        private int clips;
        private float loss1;
        private float loss2;
        private float prob1;
        private float prob2;

        Steps(
                ClipSource source,
                PretrainSettings s,
                Block encoder,
                ParameterStore store,
                ContrastiveObjective objective,
                Sgd sgd,
                NDManager modelManager) {
            this.source = source;
            this.s = s;
            this.encoder = encoder;
            this.store = store;
            this.objective = objective;
            this.sgd = sgd;
            this.modelManager = modelManager;
            this.schedule = new MultiStepSchedule(s.learningRate(), s.lrMilestones(), s.lrDecay());
        }

        @Override
        public String name() {
            return "training";
        }

        @Override
        public String lossName() {
            return "loss";
        }

        @Override
        public String divergenceAdvice() {
            return "Lower the learning rate or normalise features";
        }

        @Override
        public Sgd optimizer() {
            return sgd;
        }

        @Override
        public int stagingSlots() {
            return 3; // RGB, flow u, flow v
        }

        @Override
        public NDManager manager() {
            return modelManager;
        }

        @Override
        public int stepsPerEpoch() {
            return source.videos().size() / s.batchSize();
        }

        @Override
        public void startEpoch(int epoch) {
            lr = schedule.learningRate(epoch);
            sgd.setLearningRate(lr);
            java.util.Arrays.fill(sums, 0);
            steps = 0;
            clips = 0;
        }

        @Override
        public BatchLoader batches(int epoch, Progress p) {
            return BatchLoader.training(
                    source,
                    null,
                    s.batchSize(),
                    true,
                    s.seed(),
                    epoch,
                    s.effectiveThreads(),
                    TrainingLoop.PREFETCH_BATCHES,
                    p);
        }

        @Override
        public TrainingLoop.Loss forward(ClipBatch batch, NDManager bm, StagingBuffers staging, int epoch, int step) {
            Shape shape = new Shape(batch.shape());
            NDArray clip = staging.tensor(bm, 0, batch.data(), shape);
            NDArray view1 = clip;
            NDArray view2Source = clip;
            if (s.colourJitter()) { // independent colours per view: colour alone cannot match a positive pair
                StatefulRandom jitterRng =
                        new StatefulRandom(BatchLoader.epochSeed(s.seed() ^ JITTER_SEED_SALT, epoch) + step);
                view1 = ColourJitter.apply(clip, jitterRng);
                view2Source = ColourJitter.apply(clip, jitterRng);
            }
            NDArray flowU = batch.flowU() == null ? null : staging.tensor(bm, 1, batch.flowU(), shape);
            NDArray flowV = batch.flowV() == null ? null : staging.tensor(bm, 2, batch.flowV(), shape);
            NDArray view2 = Views.view2(s.modality(), view2Source, flowU, flowV);
            StatefulRandom negativeRng =
                    new StatefulRandom(BatchLoader.epochSeed(s.seed() ^ NEGATIVE_SEED_SALT, epoch) + step);
            NDArray negative = IntraNegatives.make(s.intraNegative(), view1, negativeRng);
            NDArray feat1 = Pretrainer.forward(encoder, store, view1, s.featureDim());
            // the reference uses feat_2 = feat_1 for modality rgb
            NDArray feat2 =
                    s.modality() == View.RGB ? feat1 : Pretrainer.forward(encoder, store, view2, s.featureDim());
            NDArray featNeg = negative != null && objective.needsNegativeFeatures()
                    ? Pretrainer.forward(encoder, store, negative, s.featureDim())
                    : null;
            ContrastiveObjective.Output out = objective.compute(
                    new ContrastiveObjective.Step(feat1, feat2, featNeg, view1, view2, negative, batch.videoIndices()));
            loss1 = out.lossView1().getFloat();
            loss2 = out.lossView2().getFloat();
            prob1 = out.probView1();
            prob2 = out.probView2();
            // the sum is finite only when both are
            return new TrainingLoop.Loss(out.total(), loss1 + loss2);
        }

        @Override
        public void afterUpdate() {
            objective.afterOptimizerStep();
        }

        @Override
        public String stepMessage(ClipBatch batch, TrainingLoop.Position at) {
            sums[0] += loss1;
            sums[1] += loss2;
            sums[2] += prob1;
            sums[3] += prob2;
            steps++;
            clips += batch.size();
            StepReport r = new StepReport(
                    at.epoch(),
                    at.step(),
                    at.steps(),
                    loss1,
                    loss2,
                    prob1,
                    prob2,
                    lr,
                    clips / at.epochSeconds(),
                    at.etaSeconds());
            stepListener.accept(r);
            return r.message();
        }

        @Override
        public TrainingLoop.Epoch<EpochRecord> endEpoch(int epoch, double seconds, StagingBuffers staging, Progress p) {
            return new TrainingLoop.Epoch<>(
                    new EpochRecord(
                            epoch,
                            sums[0] / steps,
                            sums[1] / steps,
                            sums[2] / steps,
                            sums[3] / steps,
                            lr,
                            seconds,
                            clips / seconds),
                    null);
        }

        @Override
        public void save(Map<String, NpyArray> arrays, Map<String, double[]> numbers) {
            int i = 0;
            for (Pair<String, Parameter> param : encoder.getParameters()) {
                arrays.put(
                        "encoder/" + (i++) + "/" + param.getKey(),
                        HostArrays.of(param.getValue().getArray()));
            }
            sgd.state().forEach((k, v) -> arrays.put("optimizer/" + k, v));
            objective.state().forEach((k, v) -> arrays.put("objective/" + k, v));
        }

        @Override
        public void restore(TrainingCheckpoint<EpochRecord> c, Path file) {
            Map<String, NpyArray> weights = c.group("encoder");
            int i = 0;
            for (Pair<String, Parameter> param : encoder.getParameters()) {
                String name = (i++) + "/" + param.getKey();
                NpyArray saved = weights.get(name);
                if (saved == null) {
                    throw new IllegalArgumentException("The checkpoint " + file + " has no weights for '" + name
                            + "': it belongs to another encoder.");
                }
                HostArrays.copyInto(saved, param.getValue().getArray(), "encoder/" + name);
            }
            sgd.loadState(c.group("optimizer"));
            objective.loadState(c.group("objective"));
        }
    }

    private static NDArray forward(Block encoder, ParameterStore store, NDArray input, int featureDim) {
        NDArray feature = encoder.forward(store, new NDList(input), true).singletonOrThrow();
        if (feature.getShape().dimension() != 2 || feature.getShape().get(1) != featureDim) {
            throw new IllegalStateException("The encoder gives features of shape " + feature.getShape()
                    + " but the feature dimension setting is " + featureDim + ": set it to the encoder's output size.");
        }
        return feature;
    }

    private static ContrastiveObjective createObjective(
            PretrainSettings s,
            NDManager manager,
            Block encoder,
            Supplier<Block> factory,
            Shape inputShape,
            int videos) {
        boolean intra = s.intraNegative() != IntraNegative.NONE;
        return switch (s.objective()) {
            case MEMORY_BANK, MEMORY_BANK_NCE ->
                new MemoryBankObjective(
                        manager,
                        manager.getDevice(),
                        videos,
                        s.featureDim(),
                        s.nceK(),
                        s.nceT(),
                        s.nceM(),
                        s.objective() == Objective.MEMORY_BANK,
                        intra,
                        s.normalizeFeatures(),
                        s.seed());
            case MOCO ->
                new MocoObjective(
                        manager,
                        manager.getDevice(),
                        encoder,
                        factory,
                        inputShape,
                        s.featureDim(),
                        s.nceK(),
                        s.nceT(),
                        s.mocoM(),
                        s.seed());
            case SIMCLR -> new SimClrObjective(s.simclrT());
            case IN_BATCH -> SimClrObjective.crossView(s.simclrT());
        };
    }

    /** Settings that a checkpoint must share with the run that resumes it (not epochs, device, threads, folder). */
    static String resumeKey(PretrainSettings s) {
        return TrainingCheckpoint.settingsKey(s, null);
    }
}
