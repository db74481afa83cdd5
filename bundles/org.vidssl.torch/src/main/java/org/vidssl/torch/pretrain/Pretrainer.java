package org.vidssl.torch.pretrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.vidssl.core.clip.BatchLoader;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.io.RunLock;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.engine.GradMode;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.objective.ContrastiveObjective;
import org.vidssl.torch.objective.MemoryBankObjective;
import org.vidssl.torch.objective.MocoObjective;
import org.vidssl.torch.objective.SimClrObjective;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.train.HostArray;
import org.vidssl.torch.train.MultiStepSchedule;
import org.vidssl.torch.train.Sgd;
import org.vidssl.torch.train.StatefulRandom;
import org.vidssl.torch.train.TrainingLock;
import org.vidssl.torch.views.ColourJitter;
import org.vidssl.torch.views.IntraNegatives;
import org.vidssl.torch.views.Views;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/**
 * IIC pretraining (reference {@code train_ssl.py}). Per step: view 1 = the RGB batch, view 2 and the
 * intra-negative made from it on the device, three forward passes through the same encoder, the
 * objective, backward, SGD. One random clip per video per epoch, the last partial batch dropped, the
 * learning rate stepped per epoch. Everything random derives from the seed, so a run resumed from a
 * checkpoint continues exactly as an uninterrupted one would.
 */
public final class Pretrainer {

    private static final int PREFETCH_BATCHES = 3;
    private static final long NEGATIVE_SEED_SALT = 0x1A2B3C4DL;
    private static final long JITTER_SEED_SALT = 0x5C0104EL;

    private final Device device;
    private Consumer<StepReport> stepListener = r -> { };
    /** RGB, flow u, flow v of a step; runs hold the training lock, so one run at a time uses them. */
    private final StagingBuffers staging = new StagingBuffers(3);

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
    public PretrainResult run(ClipSource source, PretrainSettings settings, Supplier<Block> encoderFactory,
            Progress progress) {
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
            throw new IllegalArgumentException("Modality '" + settings.modality().id()
                    + "' needs optical flow, but the clip source has none: add flow folders or use res/rgb.");
        }
        // the folder lock first: a second run on the same checkpoints fails at once instead of queueing behind it
        try (RunLock folder = settings.checkpointDir() == null ? null
                : RunLock.folder(settings.checkpointDir(), "Checkpoint folder");
                TrainingLock.Held lock = TrainingLock.acquire(p);
                // gradients only inside the collector, whichever thread runs this (see GradMode)
                GradMode off = GradMode.disabled()) {
            return train(source, settings, encoderFactory, p);
        }
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
            ParameterStore store = new ParameterStore(modelManager, false);
            int videos = source.videos().size();
            try (ContrastiveObjective objective = createObjective(s, modelManager, encoder, encoderFactory,
                    inputShape, videos);
                    Sgd sgd = new Sgd(modelManager, List.of(new Sgd.Group("encoder", Sgd.trainable(encoder),
                            s.learningRate())), s.momentum(), s.weightDecay())) {
                List<EpochRecord> history = new ArrayList<>();
                int startEpoch = resume(s, encoder, sgd, objective, history) + 1;
                MultiStepSchedule schedule = new MultiStepSchedule(s.learningRate(), s.lrMilestones(), s.lrDecay());
                long trainStart = System.nanoTime();
                int stepsDone = 0;
                boolean warnedLooped = false;
                int stepsPerEpoch = videos / s.batchSize();
                int totalSteps = stepsPerEpoch * (s.epochs() - startEpoch + 1);
                for (int epoch = startEpoch; epoch <= s.epochs(); epoch++) {
                    double lr = schedule.learningRate(epoch);
                    sgd.setLearningRate(lr);
                    long epochStart = System.nanoTime();
                    double[] sums = new double[4];
                    int steps = 0;
                    int clips = 0;
                    try (BatchLoader loader = BatchLoader.training(source, null, s.batchSize(), true, s.seed(), epoch,
                            s.effectiveThreads(), PREFETCH_BATCHES, p)) {
                        while (loader.hasNext()) {
                            p.checkCancelled();
                            ClipBatch batch = loader.next();
                            steps++;
                            if (batch.anyLooped() && !warnedLooped) {
                                warnedLooped = true;
                                p.report((double) stepsDone / Math.max(1, totalSteps), "Some videos have fewer than "
                                        + s.clipLength() + " frames; their clips are looped to full length.");
                            }
                            StepLosses l = step(batch, s, encoder, store, objective, sgd, modelManager, epoch, steps);
                            sums[0] += l.loss1;
                            sums[1] += l.loss2;
                            sums[2] += l.prob1;
                            sums[3] += l.prob2;
                            clips += batch.size();
                            stepsDone++;
                            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                            double perStep = (System.nanoTime() - trainStart) / 1e9 / stepsDone;
                            StepReport r = new StepReport(epoch, steps, loader.batchCount(), l.loss1, l.loss2, l.prob1,
                                    l.prob2, lr, clips / epochSeconds, perStep * (totalSteps - stepsDone));
                            stepListener.accept(r);
                            p.report((double) stepsDone / Math.max(1, totalSteps), r.message());
                        }
                    }
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    history.add(new EpochRecord(epoch, sums[0] / steps, sums[1] / steps, sums[2] / steps,
                            sums[3] / steps, lr, seconds, clips / seconds));
                    if (s.checkpointDir() != null && (epoch % s.checkpointInterval() == 0 || epoch == s.epochs())) {
                        writeCheckpoint(s, epoch, history, encoder, sgd, objective);
                    }
                }
                ok = true;
                return new PretrainResult(encoder, List.copyOf(history), modelManager);
            }
        } finally {
            if (!ok) {
                modelManager.close();
            }
        }
    }

    private record StepLosses(float loss1, float loss2, float prob1, float prob2) { }

    private StepLosses step(ClipBatch batch, PretrainSettings s, Block encoder, ParameterStore store,
            ContrastiveObjective objective, Sgd sgd, NDManager modelManager, int epoch, int step) {
        try (NDScope scope = new NDScope(); NDManager bm = modelManager.newSubManager()) {
            Shape shape = new Shape(batch.shape());
            NDArray clip = staging.tensor(bm, 0, batch.data(), shape);
            NDArray view1 = clip;
            NDArray view2Source = clip;
            if (s.colourJitter()) { // independent colours per view: colour alone cannot match a positive pair
                StatefulRandom jitterRng = new StatefulRandom(BatchLoader.epochSeed(s.seed() ^ JITTER_SEED_SALT, epoch) + step);
                view1 = ColourJitter.apply(clip, jitterRng);
                view2Source = ColourJitter.apply(clip, jitterRng);
            }
            NDArray flowU = batch.flowU() == null ? null : staging.tensor(bm, 1, batch.flowU(), shape);
            NDArray flowV = batch.flowV() == null ? null : staging.tensor(bm, 2, batch.flowV(), shape);
            NDArray view2 = Views.view2(s.modality(), view2Source, flowU, flowV);
            StatefulRandom negativeRng = new StatefulRandom(
                    BatchLoader.epochSeed(s.seed() ^ NEGATIVE_SEED_SALT, epoch) + step);
            NDArray negative = IntraNegatives.make(s.intraNegative(), view1, negativeRng);
            sgd.zeroGradients();
            float loss1;
            float loss2;
            ContrastiveObjective.Output out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray feat1 = forward(encoder, store, view1, s.featureDim());
                // the reference uses feat_2 = feat_1 for modality rgb
                NDArray feat2 = s.modality() == View.RGB ? feat1 : forward(encoder, store, view2, s.featureDim());
                NDArray featNeg = negative != null && objective.needsNegativeFeatures()
                        ? forward(encoder, store, negative, s.featureDim()) : null;
                out = objective.compute(new ContrastiveObjective.Step(feat1, feat2, featNeg, view1, view2, negative,
                        batch.videoIndices()));
                loss1 = out.lossView1().getFloat();
                loss2 = out.lossView2().getFloat();
                if (!Float.isFinite(loss1) || !Float.isFinite(loss2)) {
                    throw new TrainingDivergedException(epoch, step, "The loss became " + (loss1 + loss2)
                            + " at epoch " + epoch + ", step " + step + ": training diverged. Lower the learning rate"
                            + " or normalise features; the last good checkpoint"
                            + (s.checkpointDir() == null ? " (none: no checkpoint folder set)" : " in "
                            + s.checkpointDir()) + " is kept.");
                }
                collector.backward(out.total());
            }
            if (!sgd.gradientsAreFinite()) {
                throw new TrainingDivergedException(epoch, step, "The gradient became infinite or NaN at epoch " + epoch
                        + ", step " + step + " (loss " + (loss1 + loss2) + "): training diverged, the weights were not"
                        + " updated. Lower the learning rate or normalise features.");
            }
            sgd.step();
            objective.afterOptimizerStep();
            return new StepLosses(loss1, loss2, out.probView1(), out.probView2());
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

    private static ContrastiveObjective createObjective(PretrainSettings s, NDManager manager, Block encoder,
            Supplier<Block> factory, Shape inputShape, int videos) {
        boolean intra = s.intraNegative() != IntraNegative.NONE;
        return switch (s.objective()) {
            case MEMORY_BANK, MEMORY_BANK_NCE -> new MemoryBankObjective(manager, manager.getDevice(), videos,
                    s.featureDim(), s.nceK(), s.nceT(), s.nceM(), s.objective() == org.vidssl.core.pretrain.Objective.MEMORY_BANK,
                    intra, s.normalizeFeatures(), s.seed());
            case MOCO -> new MocoObjective(manager, manager.getDevice(), encoder, factory, inputShape, s.featureDim(),
                    s.nceK(), s.nceT(), s.mocoM(), s.seed());
            case SIMCLR -> new SimClrObjective(s.simclrT());
            case IN_BATCH -> SimClrObjective.crossView(s.simclrT());
        };
    }

    /** Settings that a checkpoint must share with the run that resumes it (not epochs, device, threads, folder). */
    static String resumeKey(PretrainSettings s) {
        return Records.builder(s).set("epochs", 1).set("device", "cpu").set("threads", 1).set("checkpointDir", null)
                .set("checkpointInterval", 1).build()
                .toString();
    }

    /** Loads the checkpoint when there is one; returns the last finished epoch (0 when starting fresh). */
    private static int resume(PretrainSettings s, Block encoder, Sgd sgd, ContrastiveObjective objective,
            List<EpochRecord> history) {
        if (s.checkpointDir() == null || !Files.exists(Checkpoint.file(s.checkpointDir()))) {
            return 0;
        }
        Checkpoint c;
        try {
            c = Checkpoint.read(Checkpoint.file(s.checkpointDir()));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (!c.settings().equals(resumeKey(s))) {
            throw new IllegalArgumentException("The checkpoint in " + s.checkpointDir() + " was written with other "
                    + "settings (" + c.settings() + "): use another checkpoint folder or delete " + Checkpoint.FILE_NAME
                    + " to start over.");
        }
        Map<String, HostArray> weights = c.group("encoder");
        int i = 0;
        for (Pair<String, Parameter> param : encoder.getParameters()) {
            String name = (i++) + "/" + param.getKey();
            HostArray saved = weights.get(name);
            if (saved == null) {
                throw new IllegalArgumentException("The checkpoint in " + s.checkpointDir() + " has no weights for '"
                        + name + "': it belongs to another encoder.");
            }
            saved.copyInto(param.getValue().getArray(), "encoder/" + name);
        }
        sgd.loadState(c.group("optimizer"));
        objective.loadState(c.group("objective"));
        history.addAll(c.history());
        return c.epoch();
    }

    private static void writeCheckpoint(PretrainSettings s, int epoch, List<EpochRecord> history, Block encoder,
            Sgd sgd, ContrastiveObjective objective) {
        Map<String, HostArray> arrays = new LinkedHashMap<>();
        int i = 0;
        for (Pair<String, Parameter> param : encoder.getParameters()) {
            arrays.put("encoder/" + (i++) + "/" + param.getKey(), HostArray.of(param.getValue().getArray()));
        }
        sgd.state().forEach((k, v) -> arrays.put("optimizer/" + k, v));
        objective.state().forEach((k, v) -> arrays.put("objective/" + k, v));
        try {
            new Checkpoint(epoch, resumeKey(s), List.copyOf(history), arrays).write(s.checkpointDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the checkpoint to " + s.checkpointDir() + ": "
                    + e.getMessage(), e);
        }
    }
}
