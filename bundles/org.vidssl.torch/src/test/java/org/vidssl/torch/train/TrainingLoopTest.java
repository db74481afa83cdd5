package org.vidssl.torch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.BatchLoader;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.testing.Cancelling;
import org.vidssl.torch.testing.MovingSquares;

/** The shared skeleton on its own, with a linear regression of the class from a clip's mean colour. */
class TrainingLoopTest {

    @TempDir
    Path dir;

    /** The history record of the tiny trainer. */
    record Row(int epoch, double loss) {}

    private static final MovingSquares DATA = new MovingSquares(8, 4, 16, 11);

    /** A linear model on the mean colour of each clip; poisons one step's loss or gradient on request. */
    static final class Tiny implements TrainingLoop.Trainer<Row>, AutoCloseable {
        final NDManager manager = TorchRuntime.engine().newBaseManager(Device.cpu());
        final Block block = Linear.builder().setUnits(1).build();
        final ParameterStore store = new ParameterStore(manager, false);
        final Sgd sgd;
        final List<Integer> savedAfterEpoch = new ArrayList<>();
        /** (epoch, step) whose loss becomes NaN, or whose gradient becomes NaN at a finite loss. */
        int[] nanLossAt = {-1, -1};

        int[] nanGradientAt = {-1, -1};
        float[] weightsAfterLastStep;
        private int epoch;
        private double lossSum;
        private int steps;
        private float loss;

        Tiny() {
            TorchRuntime.engine().setRandomSeed(5);
            block.initialize(manager, DataType.FLOAT32, new Shape(4, 3));
            sgd = new Sgd(manager, List.of(new Sgd.Group("all", Sgd.trainable(block), 0.5)), 0.9, 0);
        }

        float[] weights() {
            List<Float> all = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                for (float v : p.getValue().getArray().toFloatArray()) {
                    all.add(v);
                }
            }
            float[] w = new float[all.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = all.get(i);
            }
            return w;
        }

        @Override
        public String name() {
            return "tiny training";
        }

        @Override
        public String lossName() {
            return "tiny loss";
        }

        @Override
        public String divergenceAdvice() {
            return "Lower the tiny rate";
        }

        @Override
        public Sgd optimizer() {
            return sgd;
        }

        @Override
        public int stagingSlots() {
            return 1;
        }

        @Override
        public NDManager manager() {
            return manager;
        }

        @Override
        public int stepsPerEpoch() {
            return 2;
        }

        @Override
        public void startEpoch(int e) {
            epoch = e;
            lossSum = 0;
            steps = 0;
        }

        @Override
        public BatchLoader batches(int e, Progress p) {
            return BatchLoader.training(DATA, null, 4, true, 3, e, 1, 2, p);
        }

        @Override
        public TrainingLoop.Loss forward(ClipBatch batch, NDManager m, StagingBuffers staging, int e, int step) {
            NDArray colour = staging.tensor(m, 0, batch.data(), new Shape(batch.shape()))
                    .reshape(batch.size(), 3, -1)
                    .mean(new int[] {2});
            NDArray out = block.forward(store, new NDList(colour), true)
                    .singletonOrThrow()
                    .squeeze(1);
            float[] labels = new float[batch.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = batch.labels()[i] / 3f;
            }
            NDArray l = out.sub(m.create(labels)).square().mean();
            if (e == nanLossAt[0] && step == nanLossAt[1]) {
                l = l.mul(Float.NaN);
            }
            if (e == nanGradientAt[0] && step == nanGradientAt[1]) {
                l = l.add(out.mul(0).abs().sqrt().sum()); // adds 0, but d sqrt(x)/dx at 0 is infinite: NaN gradient
            }
            loss = l.getFloat();
            return new TrainingLoop.Loss(l, loss);
        }

        @Override
        public String stepMessage(ClipBatch batch, TrainingLoop.Position at) {
            lossSum += loss;
            steps++;
            weightsAfterLastStep = weights();
            return "Epoch " + at.epoch() + " step " + at.step() + "/" + at.steps();
        }

        @Override
        public TrainingLoop.Epoch<Row> endEpoch(int e, double seconds, StagingBuffers staging, Progress p) {
            return new TrainingLoop.Epoch<>(new Row(e, lossSum / steps), "Epoch " + e + " done");
        }

        @Override
        public void save(Map<String, NpyArray> arrays, Map<String, double[]> numbers) {
            savedAfterEpoch.add(epoch);
            int i = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                arrays.put(
                        "model/" + (i++) + "/" + p.getKey(),
                        HostArrays.of(p.getValue().getArray()));
            }
            sgd.state().forEach((k, v) -> arrays.put("optimizer/" + k, v));
        }

        @Override
        public void restore(TrainingCheckpoint<Row> c, Path file) {
            int i = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                String name = (i++) + "/" + p.getKey();
                HostArrays.copyInto(c.group("model").get(name), p.getValue().getArray(), name);
            }
            sgd.loadState(c.group("optimizer"));
        }

        @Override
        public void close() {
            sgd.close();
            manager.close();
        }
    }

    private TrainingLoop.Plan<Row> plan(String key, int epochs, int interval) {
        return new TrainingLoop.Plan<>(dir, "tiny.zip", key, epochs, interval, Row.class);
    }

    private static List<Row> run(TrainingLoop.Plan<Row> plan, Tiny trainer, Progress p) {
        return TrainingLoop.holdingLocks(plan.checkpointDir(), p, () -> new TrainingLoop<>(plan).run(trainer, p));
    }

    @Test
    void checkpointsEveryNEpochsAndAtTheEndAndResumesAsIfUninterrupted() throws Exception {
        float[] uninterrupted;
        List<Row> full;
        try (Tiny t = new Tiny()) {
            full = TrainingLoop.holdingLocks(
                    null,
                    null,
                    () -> new TrainingLoop<>(new TrainingLoop.Plan<>(null, "tiny.zip", "lr=1", 7, 2, Row.class))
                            .run(t, null));
            uninterrupted = t.weights();
        }
        try (Tiny t = new Tiny()) {
            List<String> messages = new ArrayList<>();
            Progress p = new Progress() {
                @Override
                public void report(double fraction, String message) {
                    messages.add(message);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
            assertEquals(5, run(plan("lr=1", 5, 2), t, p).size());
            assertEquals(List.of(2, 4, 5), t.savedAfterEpoch, "every 2 epochs and at the end");
            assertEquals(List.of("Epoch 1 step 1/2", "Epoch 1 step 2/2", "Epoch 1 done"), messages.subList(0, 3));
        }
        assertEquals(
                5, TrainingCheckpoint.read(dir.resolve("tiny.zip"), Row.class).epoch());
        try (Tiny t = new Tiny()) {
            List<Row> resumed = run(plan("lr=1", 7, 2), t, null);
            assertEquals(7, resumed.size());
            for (int i = 0; i < 7; i++) { // 1-5 from the checkpoint, 6-7 trained as in the uninterrupted run
                assertEquals(full.get(i).epoch(), resumed.get(i).epoch());
                assertEquals(full.get(i).loss(), resumed.get(i).loss(), 1e-6, "epoch " + (i + 1));
            }
            assertArrayEquals(uninterrupted, t.weights(), 1e-6f);
            assertEquals(List.of(6, 7), t.savedAfterEpoch);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("tiny.zip")), files.toList(), "no lock, no temporary file left");
        }
        try (Tiny t = new Tiny()) {
            IllegalArgumentException other =
                    assertThrows(IllegalArgumentException.class, () -> run(plan("lr=2", 9, 2), t, null));
            assertTrue(
                    other.getMessage()
                            .startsWith("The checkpoint " + dir.resolve("tiny.zip") + " was written by"
                                    + " a run with other settings (lr 1 there, 2 now): use the same settings to"
                                    + " continue it, or another"
                                    + " checkpoint folder, or delete tiny.zip to start over."),
                    other.getMessage());
        }
    }

    /** A NaN gradient at a finite loss stops the run before the update: the weights stay those of the step before. */
    @Test
    void aNonFiniteGradientStopsBeforeTheUpdateAndKeepsTheCheckpoint() throws Exception {
        try (Tiny t = new Tiny()) {
            t.nanGradientAt = new int[] {2, 2};
            TrainingDivergedException e =
                    assertThrows(TrainingDivergedException.class, () -> run(plan("lr=1", 3, 1), t, null));
            assertEquals(2, e.epoch());
            assertEquals(2, e.step());
            assertTrue(
                    e.getMessage().startsWith("The gradient became infinite or NaN at epoch 2, step 2 (loss "),
                    e.getMessage());
            assertTrue(
                    e.getMessage()
                            .endsWith("): tiny training diverged, the weights were not updated. Lower the"
                                    + " tiny rate."),
                    e.getMessage());
            assertArrayEquals(t.weightsAfterLastStep, t.weights(), 0f, "no update with the NaN gradient");
            for (float w : t.weights()) {
                assertTrue(Float.isFinite(w));
            }
        }
        assertEquals(
                1, TrainingCheckpoint.read(dir.resolve("tiny.zip"), Row.class).epoch());
        try (Tiny t = new Tiny()) {
            t.nanLossAt = new int[] {2, 1};
            TrainingDivergedException e =
                    assertThrows(TrainingDivergedException.class, () -> run(plan("lr=1", 3, 1), t, null));
            assertEquals(
                    "The tiny loss became NaN at epoch 2, step 1: tiny training diverged. Lower the tiny rate;"
                            + " the last good checkpoint in " + dir + " is kept.",
                    e.getMessage());
        }
    }

    @Test
    void cancellationIsCheckedBeforeEveryStepAndReleasesTheLocks() {
        try (Tiny t = new Tiny()) {
            Cancelling cancel = new Cancelling(3); // epoch 1: 2 steps and its summary
            assertThrows(CancelledException.class, () -> run(plan("lr=1", 50, 1), t, cancel));
            assertTrue(cancel.secondsSinceCancelSeen() < 3);
            assertEquals(List.of(1), t.savedAfterEpoch, "epoch 1 was checkpointed before the cancel");
        }
        assertFalse(TrainingLock.isBusy());
        assertFalse(Files.exists(dir.resolve(org.vidssl.core.io.RunLock.FOLDER_LOCK_NAME)));
    }

    @Test
    void aDamagedCheckpointIsRefusedNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("tiny.zip"), "not a real checkpoint");
        try (Tiny t = new Tiny()) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> run(plan("lr=1", 2, 1), t, null));
            assertTrue(e.getMessage().startsWith("Checkpoint " + dir.resolve("tiny.zip")), e.getMessage());
            assertTrue(e.getMessage().endsWith("delete it to start the run again."), e.getMessage());
        }
    }
}
