package org.vidssl.torch.pretrain;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.io.RunLock;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.RecordBuilder;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.testing.Cancelling;
import org.vidssl.torch.testing.MovingSquares;
import org.vidssl.torch.testing.TinyEncoder;
import org.vidssl.torch.train.TrainingCheckpoint;
import org.vidssl.torch.train.TrainingDivergedException;

class PretrainerTest {

    static final int DIM = 32; // the smallest width, 4, has 8 x 4 feature values

    static RecordBuilder<PretrainSettings> small() {
        return Records.builder(PretrainSettings.DEFAULTS)
                .set("width", DIM / PretrainSettings.FEATURE_PER_WIDTH)
                .set("clipLength", 8)
                .set("cropSize", 32)
                .set("batchSize", 8)
                .set("threads", 2)
                .set("nceK", 16)
                .set("normalizeFeatures", true)
                .set("lrMilestones", new int[] {100});
    }

    static List<float[]> weights(Block block) {
        List<float[]> w = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            w.add(p.getValue().getArray().toFloatArray());
        }
        return w;
    }

    @Test
    @Tag("slow") // a learning test: skip locally with -DexcludedGroups=slow, CI runs it
    void simClrLearnsMovingSquares() {
        MovingSquares data = new MovingSquares(32, 8, 32, 1);
        // SimCLR with the frame-repeat intra-negative; the embedding BatchNorm keeps the tiny net from collapsing
        PretrainSettings s = small().set("objective", Objective.SIMCLR)
                .set("epochs", 6)
                .set("learningRate", 0.05)
                .build();
        List<StepReport> steps = new ArrayList<>();
        try (PretrainResult r = new Pretrainer(Device.cpu())
                .onStep(steps::add)
                .run(data, s, () -> TinyEncoder.centred(DIM), Progress.NONE)) {
            List<EpochRecord> h = r.history();
            assertEquals(6, h.size());
            assertEquals(6 * 4, steps.size());
            EpochRecord first = h.get(0);
            EpochRecord last = h.get(h.size() - 1);
            System.out.printf(
                    "SimCLR moving squares: loss %.3f -> %.3f, p(pos) %.3f -> %.3f%n",
                    first.loss(), last.loss(), first.probView1(), last.probView1());
            assertTrue(last.loss() < first.loss() - 1.5, "loss should fall: " + h);
            assertTrue(last.probView1() > first.probView1() + 0.1, "positive probability should rise: " + h);
            assertTrue(last.probView2() > first.probView2() + 0.05, "positive probability should rise: " + h);
            assertTrue(last.clipsPerSecond() > 0);
        }
    }

    @Test
    void memoryBankMocoAndNceRunAndCheckpointsResumeExactly(@TempDir Path tmp) throws Exception {
        MovingSquares data = new MovingSquares(16, 8, 32, 2);
        for (Objective objective : Objective.values()) {
            PretrainSettings full = small().set("objective", objective)
                    .set("epochs", 4)
                    .set("checkpointInterval", 2)
                    .set("checkpointDir", tmp.resolve(objective.id() + "-full"))
                    .build();
            List<float[]> uninterrupted;
            List<EpochRecord> historyFull;
            try (PretrainResult r = new Pretrainer(Device.cpu()).run(data, full, () -> TinyEncoder.create(DIM), null)) {
                uninterrupted = weights(r.encoder());
                historyFull = r.history();
            }
            Path resumeDir = tmp.resolve(objective.id() + "-resume");
            PretrainSettings firstHalf = Records.builder(full)
                    .set("epochs", 2)
                    .set("checkpointDir", resumeDir)
                    .build();
            new Pretrainer(Device.cpu())
                    .run(data, firstHalf, () -> TinyEncoder.create(DIM), null)
                    .close();
            assertEquals(
                    2,
                    TrainingCheckpoint.read(Pretrainer.checkpointFile(resumeDir), EpochRecord.class)
                            .epoch());
            try (PretrainResult r = new Pretrainer(Device.cpu())
                    .run(
                            data,
                            Records.builder(full)
                                    .set("checkpointDir", resumeDir)
                                    .build(),
                            () -> TinyEncoder.create(DIM),
                            null)) {
                assertEquals(4, r.history().size());
                EpochRecord before = historyFull.get(1);
                EpochRecord kept = r.history().get(1);
                assertEquals(before.lossView1(), kept.lossView1(), 0, "history of the first run is kept");
                assertEquals(before.probView2(), kept.probView2(), 0, "history of the first run is kept");
                assertEquals(
                        historyFull.get(3).loss(), r.history().get(3).loss(), 1e-4, objective + " last epoch loss");
                List<float[]> resumed = weights(r.encoder());
                assertEquals(uninterrupted.size(), resumed.size());
                for (int i = 0; i < resumed.size(); i++) {
                    assertArrayEquals(
                            uninterrupted.get(i),
                            resumed.get(i),
                            1e-5f,
                            objective + ": parameter " + i + " differs after resume");
                }
                for (EpochRecord e : r.history()) {
                    assertTrue(Double.isFinite(e.loss()), objective + " " + e);
                }
            }
            assertEquals(
                    4,
                    TrainingCheckpoint.read(Pretrainer.checkpointFile(resumeDir), EpochRecord.class)
                            .epoch());
            try (var files = Files.list(resumeDir)) {
                assertEquals(
                        List.of(Pretrainer.CHECKPOINT_FILE_NAME),
                        files.map(f -> f.getFileName().toString()).toList(),
                        "no temp files left");
            }
        }
    }

    @Test
    void resumeWithOtherSettingsIsRefused(@TempDir Path tmp) {
        MovingSquares data = new MovingSquares(16, 8, 32, 3);
        PretrainSettings s = small().set("objective", Objective.SIMCLR)
                .set("epochs", 1)
                .set("checkpointDir", tmp)
                .build();
        new Pretrainer(Device.cpu())
                .run(data, s, () -> TinyEncoder.create(DIM), null)
                .close();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new Pretrainer(Device.cpu())
                        .run(
                                data,
                                Records.builder(s)
                                        .set("epochs", 2)
                                        .set("learningRate", 0.5)
                                        .build(),
                                () -> TinyEncoder.create(DIM),
                                null));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }

    @Test
    void nanLossStopsNamingEpochAndStepAndKeepsTheLastGoodCheckpoint(@TempDir Path tmp) throws Exception {
        MovingSquares data = new MovingSquares(16, 8, 32, 4);
        AtomicBoolean poison = new AtomicBoolean();
        Supplier<Block> poisoned = () -> new SequentialBlock()
                .add(TinyEncoder.create(DIM))
                .add(new LambdaBlock(
                        x -> poison.get() ? new NDList(x.singletonOrThrow().mul(Float.NaN)) : x));
        PretrainSettings s = small().set("objective", Objective.MEMORY_BANK)
                .set("epochs", 3)
                .set("checkpointInterval", 1)
                .set("checkpointDir", tmp)
                .build();
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class,
                () -> new Pretrainer(Device.cpu())
                        .onStep(r -> poison.set(r.epoch() == 1 && r.step() == r.steps()))
                        .run(data, s, poisoned, null));
        assertEquals(2, e.epoch());
        assertEquals(1, e.step());
        assertTrue(e.getMessage().contains("epoch 2, step 1"), e.getMessage());
        assertEquals(
                1,
                TrainingCheckpoint.read(Pretrainer.checkpointFile(tmp), EpochRecord.class)
                        .epoch());
    }

    @Test
    void cancellationStopsTraining() {
        MovingSquares data = new MovingSquares(32, 8, 32, 5);
        PretrainSettings s =
                small().set("objective", Objective.SIMCLR).set("epochs", 50).build();
        List<String> messages = new ArrayList<>();
        Progress cancelAfterThreeSteps = new Progress() {
            @Override
            public void report(double fraction, String message) {
                messages.add(message);
            }

            @Override
            public boolean isCancelled() {
                return messages.size() >= 3;
            }
        };
        assertThrows(
                CancelledException.class,
                () -> new Pretrainer(Device.cpu()).run(data, s, () -> TinyEncoder.create(DIM), cancelAfterThreeSteps));
        assertEquals(3, messages.size());
        assertTrue(messages.get(0).startsWith("Epoch 1 step 1/4: loss"), messages.get(0));
    }

    /**
     * Two runs on one checkpoint folder at once: the second fails at once naming the folder and its lock file, the
     * first finishes and its checkpoint is complete (before the lock both ran and one result was silently lost).
     */
    @Test
    void aSecondRunOnTheSameCheckpointFolderFailsClearlyAndTheFirstIsKept(@TempDir Path tmp) throws Exception {
        MovingSquares data = new MovingSquares(16, 8, 32, 2);
        Path folder = tmp.resolve("checkpoints");
        PretrainSettings s = small().set("objective", Objective.SIMCLR)
                .set("epochs", 2)
                .set("checkpointInterval", 1)
                .set("checkpointDir", folder)
                .build();
        AtomicReference<Throwable> second = new AtomicReference<>();
        // while the first run trains (its first step), a second run on the same folder starts on another thread
        try (PretrainResult r = new Pretrainer(Device.cpu())
                .onStep(step -> {
                    if (step.epoch() == 1 && step.step() == 1) {
                        Thread other = new Thread(() -> {
                            try {
                                new Pretrainer(Device.cpu())
                                        .run(data, s, () -> TinyEncoder.create(DIM), null)
                                        .close();
                            } catch (Throwable t) {
                                second.set(t);
                            }
                        });
                        other.start();
                        try {
                            other.join(60_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })
                .run(data, s, () -> TinyEncoder.create(DIM), null)) {
            assertEquals(2, r.history().size(), "the first run finishes");
        }
        assertInstanceOf(IllegalStateException.class, second.get());
        assertEquals(
                "Checkpoint folder " + folder + " is in use by another run (lock file "
                        + folder.resolve(RunLock.FOLDER_LOCK_NAME) + "); wait for it or choose another folder.",
                second.get().getMessage());
        assertEquals(
                2,
                TrainingCheckpoint.read(Pretrainer.checkpointFile(folder), EpochRecord.class)
                        .epoch(),
                "the first run's checkpoint is complete");
        try (var files = Files.list(folder)) {
            assertEquals(
                    List.of(Pretrainer.CHECKPOINT_FILE_NAME),
                    files.map(f -> f.getFileName().toString()).toList(),
                    "lock released, no temp files");
        }
    }

    /**
     * Fault injection: cancelling mid-epoch (repeatedly) stops within seconds, frees every native array of the run
     * and leaves the checkpoint folder as the last finished epoch left it: no temp file, no lock, no partial write.
     */
    @Test
    void cancelStopsWithinSecondsFreesNativeMemoryAndLeavesNoPartialFiles(@TempDir Path tmp) throws Exception {
        MovingSquares data = new MovingSquares(32, 8, 32, 5);
        Path folder = tmp.resolve("checkpoints");
        PretrainSettings s = small().set("objective", Objective.MEMORY_BANK)
                .set("intraNegative", IntraNegative.REPEAT)
                .set("epochs", 50)
                .set("checkpointInterval", 1)
                .set("checkpointDir", folder)
                .build();
        int before = Cancelling.liveNativeArrays();
        for (int round = 0; round < 3; round++) {
            Cancelling cancel = new Cancelling(6); // epoch 2, step 2: after the first checkpoint
            assertThrows(
                    CancelledException.class,
                    () -> new Pretrainer(Device.cpu()).run(data, s, () -> TinyEncoder.create(DIM), cancel));
            assertTrue(cancel.secondsSinceCancelSeen() < 3, "stopped " + cancel.secondsSinceCancelSeen() + " s after");
            assertEquals(before, Cancelling.liveNativeArrays(), "native arrays left after cancel " + (round + 1));
            try (var files = Files.list(folder)) {
                assertEquals(
                        List.of(Pretrainer.CHECKPOINT_FILE_NAME),
                        files.map(f -> f.getFileName().toString()).toList());
            }
            // each round resumes from the checkpoint the one before wrote, one epoch further
            assertEquals(
                    round + 1,
                    TrainingCheckpoint.read(Pretrainer.checkpointFile(folder), EpochRecord.class)
                            .epoch());
        }
    }

    @Test
    void badInputsAreNamed() {
        MovingSquares data = new MovingSquares(4, 8, 32, 6);
        IllegalArgumentException few = assertThrows(
                IllegalArgumentException.class,
                () -> new Pretrainer(Device.cpu()).run(data, small().build(), () -> TinyEncoder.create(DIM), null));
        assertTrue(few.getMessage().contains("fewer than the batch size"), few.getMessage());
        MovingSquares more = new MovingSquares(8, 8, 32, 6);
        IllegalStateException dim = assertThrows(
                IllegalStateException.class,
                () -> new Pretrainer(Device.cpu())
                        .run(
                                more,
                                small().set("epochs", 1)
                                        .set("intraNegative", IntraNegative.NONE)
                                        .build(),
                                () -> TinyEncoder.create(7),
                                null));
        assertTrue(dim.getMessage().contains("feature dimension"), dim.getMessage());
        IllegalArgumentException flow = assertThrows(
                IllegalArgumentException.class,
                () -> new Pretrainer(Device.cpu())
                        .run(
                                more,
                                small().set("modality", org.vidssl.core.clip.View.U)
                                        .build(),
                                () -> TinyEncoder.create(DIM),
                                null));
        assertTrue(flow.getMessage().contains("needs optical flow"), flow.getMessage());
    }
}
