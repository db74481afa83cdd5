package org.vidssl.torch.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.vidssl.core.clip.BatchLoader;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.RunLock;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.engine.GradMode;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.engine.TorchRuntime;

/**
 * The training skeleton shared by pretraining and fine-tuning: the locks, the staging buffers, epochs of steps,
 * progress, cancellation between steps, the stop on a non-finite loss or gradient (before the SGD step, so the
 * weights and the last checkpoint stay good), checkpoints every N epochs and at the end, and resuming from the
 * checkpoint of a run with the same settings. A {@link Trainer} supplies what differs: its batches, the forward pass
 * and loss of a step, its per-epoch evaluation and its state.
 *
 * <p>Resuming: when the checkpoint folder holds this trainer's checkpoint of the same settings, the run continues
 * after its last epoch (exactly as an uninterrupted run would, everything random derives from the seed); other
 * settings are refused with a message naming the file. Whether a front end may resume at all is decided before,
 * by {@link ResumePolicy}.
 *
 * @param <H> the history record of one epoch
 */
public final class TrainingLoop<H> {

    /** Batches a trainer's loaders prepare ahead of the step (2-3 keep the step busy). */
    public static final int PREFETCH_BATCHES = 3;

    /** What one training needs to know about its run. */
    public record Plan<H>(
            Path checkpointDir,
            String checkpointFileName,
            String settingsKey,
            int epochs,
            int checkpointInterval,
            Class<H> recordType) {

        /** The checkpoint file, or null when no checkpoint folder is set. */
        public Path checkpointFile() {
            return checkpointDir == null ? null : checkpointDir.resolve(checkpointFileName);
        }
    }

    /** Where a step is, for its progress message. */
    public record Position(
            int epoch, int step, int steps, int stepsDone, int totalSteps, double epochSeconds, double etaSeconds) {

        /** The fraction of the whole run done. */
        public double fraction() {
            return (double) stepsDone / Math.max(1, totalSteps);
        }
    }

    /** The loss of one step: the scalar to differentiate and its value, read once. */
    public record Loss(NDArray differentiate, float value) {}

    /** The record of a finished epoch and its progress message (null for none). */
    public record Epoch<H>(H record, String message) {}

    /** What differs between trainers. Methods run on the training thread, holding the locks. */
    public interface Trainer<H> {

        /** How messages name this training, e.g. "training" or "fine-tuning" ("... diverged"). */
        String name();

        /** How messages name the loss, e.g. "loss" or "training loss". */
        String lossName();

        /** What to try when the loss or a gradient is not finite, e.g. "Lower the learning rate". */
        String divergenceAdvice();

        /** The optimiser of the trained parameters. */
        Sgd optimizer();

        /** Native staging buffers one step (and the evaluation) needs, see {@link StagingBuffers}. */
        int stagingSlots();

        /** Manager whose sub-managers hold a step's arrays. */
        NDManager manager();

        /** Training steps per epoch. */
        int stepsPerEpoch();

        /** Steps of the evaluation after every epoch (counted in the progress), 0 for none. */
        default int evaluationSteps() {
            return 0;
        }

        /** Sets what changes per epoch (learning rates) before its first step. */
        void startEpoch(int epoch);

        /** The training batches of one epoch. */
        BatchLoader batches(int epoch, Progress progress);

        /** Forward pass and loss of one step, inside the gradient collector; arrays in {@code manager}. */
        Loss forward(ClipBatch batch, NDManager manager, StagingBuffers staging, int epoch, int step);

        /** Right after the SGD step, while the step's arrays are open (e.g. a memory bank's update). */
        default void afterUpdate() {}

        /** After a finished step: bookkeeping of the figures {@link #forward} read; the step's progress message. */
        String stepMessage(ClipBatch batch, Position position);

        /** After the last step of an epoch: evaluation and schedulers; returns the epoch's record. */
        Epoch<H> endEpoch(int epoch, double seconds, StagingBuffers staging, Progress progress);

        /** Adds this trainer's state to a checkpoint: arrays by {@code group/name}, exact numbers by name. */
        void save(Map<String, NpyArray> arrays, Map<String, double[]> numbers);

        /** Restores the state {@link #save} wrote; {@code file} names the checkpoint in errors. */
        void restore(TrainingCheckpoint<H> checkpoint, Path file);
    }

    private final Plan<H> plan;

    public TrainingLoop(Plan<H> plan) {
        this.plan = plan;
    }

    /**
     * Runs {@code training} holding the checkpoint folder's lock (a second run on the same folder fails at once
     * instead of queueing), the JVM's training lock (one training at a time; the wait is reported and can be
     * cancelled) and with autograd off outside the gradient collector (see {@link GradMode}), whichever thread runs it.
     */
    public static <R> R holdingLocks(Path checkpointDir, Progress progress, Supplier<R> training) {
        try (RunLock folder = checkpointDir == null ? null : RunLock.folder(checkpointDir, "Checkpoint folder");
                TrainingLock.Held lock = TrainingLock.acquire(progress);
                GradMode off = GradMode.disabled()) {
            return training.get();
        }
    }

    /**
     * Resumes from the checkpoint when there is one, trains the remaining epochs and returns the whole history
     * (the resumed epochs first). Call inside {@link #holdingLocks}.
     *
     * @throws TrainingDivergedException when a loss or gradient is not finite, naming the epoch and step
     * @throws org.vidssl.core.progress.CancelledException when cancelled (checked before every step)
     */
    public List<H> run(Trainer<H> trainer, Progress progress) {
        Progress p = progress == null ? Progress.NONE : progress;
        List<H> history = new ArrayList<>();
        int startEpoch = resume(trainer, history) + 1;
        StagingBuffers staging = new StagingBuffers(trainer.stagingSlots());
        int totalSteps =
                (trainer.stepsPerEpoch() + trainer.evaluationSteps()) * Math.max(0, plan.epochs() - startEpoch + 1);
        long trainStart = System.nanoTime();
        int stepsDone = 0;
        boolean warnedLooped = false;
        for (int epoch = startEpoch; epoch <= plan.epochs(); epoch++) {
            trainer.startEpoch(epoch);
            long epochStart = System.nanoTime();
            try (BatchLoader loader = trainer.batches(epoch, p)) {
                int step = 0;
                while (loader.hasNext()) {
                    p.checkCancelled();
                    ClipBatch batch = loader.next();
                    step++;
                    if (batch.anyLooped() && !warnedLooped) {
                        warnedLooped = true;
                        p.report(
                                (double) stepsDone / Math.max(1, totalSteps),
                                "Some videos have fewer than " + batch.length()
                                        + " frames; their clips are looped to full length.");
                    }
                    step(trainer, batch, staging, epoch, step);
                    stepsDone++;
                    double perStep = (System.nanoTime() - trainStart) / 1e9 / stepsDone;
                    Position at = new Position(
                            epoch,
                            step,
                            loader.batchCount(),
                            stepsDone,
                            totalSteps,
                            (System.nanoTime() - epochStart) / 1e9,
                            perStep * (totalSteps - stepsDone));
                    p.report(at.fraction(), trainer.stepMessage(batch, at));
                }
            }
            Epoch<H> end = trainer.endEpoch(epoch, (System.nanoTime() - epochStart) / 1e9, staging, p);
            stepsDone += trainer.evaluationSteps();
            history.add(end.record());
            if (end.message() != null) {
                p.report((double) stepsDone / Math.max(1, totalSteps), end.message());
            }
            if (plan.checkpointDir() != null && (epoch % plan.checkpointInterval() == 0 || epoch == plan.epochs())) {
                writeCheckpoint(trainer, epoch, history);
            }
        }
        return history;
    }

    /** One SGD step; nothing is updated when the loss or a gradient is not finite. */
    private void step(Trainer<H> trainer, ClipBatch batch, StagingBuffers staging, int epoch, int step) {
        Sgd sgd = trainer.optimizer();
        try (NDScope scope = new NDScope();
                NDManager manager = trainer.manager().newSubManager()) {
            sgd.zeroGradients();
            Loss loss;
            try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                loss = trainer.forward(batch, manager, staging, epoch, step);
                if (!Float.isFinite(loss.value())) {
                    throw new TrainingDivergedException(
                            epoch,
                            step,
                            "The " + trainer.lossName() + " became "
                                    + loss.value() + " at epoch " + epoch + ", step " + step + ": " + trainer.name()
                                    + " diverged. " + trainer.divergenceAdvice() + "; the last good checkpoint"
                                    + (plan.checkpointDir() == null
                                            ? " (none: no checkpoint folder set)"
                                            : " in " + plan.checkpointDir())
                                    + " is kept.");
                }
                collector.backward(loss.differentiate());
            }
            if (!sgd.gradientsAreFinite()) {
                throw new TrainingDivergedException(
                        epoch,
                        step,
                        "The gradient became infinite or NaN at epoch "
                                + epoch + ", step " + step + " (loss " + loss.value() + "): " + trainer.name()
                                + " diverged,"
                                + " the weights were not updated. " + trainer.divergenceAdvice() + ".");
            }
            sgd.step();
            trainer.afterUpdate();
        }
    }

    /** Loads the checkpoint when there is one; returns its last finished epoch (0 when starting fresh). */
    private int resume(Trainer<H> trainer, List<H> history) {
        Path file = plan.checkpointFile();
        if (file == null || !Files.exists(file)) {
            return 0;
        }
        TrainingCheckpoint<H> c;
        try {
            c = TrainingCheckpoint.read(file, plan.recordType());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (!c.settings().equals(plan.settingsKey())) {
            throw new IllegalArgumentException("The checkpoint " + file + " was written by a run with other settings ("
                    + TrainingCheckpoint.differences(c.settings(), plan.settingsKey()) + "): use the same settings"
                    + " to continue it, or another checkpoint folder, or delete " + plan.checkpointFileName()
                    + " to start over.");
        }
        trainer.restore(c, file);
        history.addAll(c.history());
        return c.epoch();
    }

    private void writeCheckpoint(Trainer<H> trainer, int epoch, List<H> history) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        Map<String, double[]> numbers = new LinkedHashMap<>();
        trainer.save(arrays, numbers);
        try {
            new TrainingCheckpoint<>(epoch, plan.settingsKey(), history, numbers, arrays).write(plan.checkpointFile());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not write the checkpoint to " + plan.checkpointDir() + ": " + e.getMessage(), e);
        }
    }
}
