package org.vidssl.torch.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.RecordBuilder;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.StateDicts;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.testing.Cancelling;
import org.vidssl.torch.train.Sgd;
import org.vidssl.torch.train.TrainingCheckpoint;
import org.vidssl.torch.train.TrainingDivergedException;

/** Mechanics of the fine-tuner on a quarter-width R3D (16/32/64/128 channels) at 4 x 16 x 16, a few steps each. */
class FineTunerTest {

    static final int FRAMES = 4;
    static final int SIZE = 16;
    static final int WIDTH = 16;
    static final List<String> CLASSES = DriftingDots.CLASSES;

    static RecordBuilder<FinetuneSettings> small() {
        return Records.builder(FinetuneSettings.DEFAULTS)
                .set("clipLength", FRAMES)
                .set("cropSize", SIZE)
                .set("batchSize", 4)
                .set("epochs", 1)
                .set("validationVideos", 4)
                .set("threads", 2)
                .set("learningRate", 0.01)
                .set("finetuneLearningRate", 0.01)
                .set("width", WIDTH);
    }

    /** Trainable weights by PyTorch name. */
    static Map<String, NpyArray> trainable(ActionClassifier c) {
        Map<String, NpyArray> all = StateDicts.export(c.backbone());
        Map<String, Parameter> params = c.backbone().torchParameters();
        all.keySet().removeIf(k -> !params.get(k).requiresGradient());
        return all;
    }

    static boolean isLate(String name) {
        return name.startsWith("conv4") || name.startsWith("conv5") || name.startsWith("linear");
    }

    static float maxDifference(NpyArray a, NpyArray b) {
        float max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        DriftingDots data = new DriftingDots(12, FRAMES, SIZE, 3);
        // patience 0: the plateau scheduler cuts the rates after every epoch without a new best, so its state matters
        FinetuneSettings full = small().set("epochs", 3)
                .set("checkpointInterval", 2)
                .set("plateauPatience", 0)
                .build();
        Map<String, NpyArray> uninterrupted;
        List<FinetuneEpoch> historyFull;
        try (FinetuneOutcome o = FineTuner.run(data, null, CLASSES, full, null)) {
            uninterrupted = StateDicts.export(o.classifier().backbone());
            historyFull = o.history();
        }
        Path resumeDir = tmp.resolve("resume");
        FineTuner.run(
                        data,
                        null,
                        CLASSES,
                        Records.builder(full)
                                .set("epochs", 2)
                                .set("checkpointDir", resumeDir)
                                .build(),
                        null)
                .close();
        assertEquals(
                2,
                TrainingCheckpoint.read(FineTuner.checkpointFile(resumeDir), FinetuneEpoch.class)
                        .epoch());
        try (FinetuneOutcome o = FineTuner.run(
                data,
                null,
                CLASSES,
                Records.builder(full).set("checkpointDir", resumeDir).build(),
                null)) {
            assertEquals(3, o.history().size());
            assertEquals(
                    historyFull.get(0).validationLoss(),
                    o.history().get(0).validationLoss(),
                    0,
                    "history of the first run is kept");
            for (int e = 0; e < 3; e++) {
                assertEquals(historyFull.get(e).trainLoss(), o.history().get(e).trainLoss(), 1e-5, "epoch " + (e + 1));
                assertEquals(
                        historyFull.get(e).validationLoss(), o.history().get(e).validationLoss(), 1e-5);
                assertEquals(historyFull.get(e).best(), o.history().get(e).best());
                assertEquals(
                        historyFull.get(e).learningRate(), o.history().get(e).learningRate());
                assertEquals(
                        historyFull.get(e).finetuneLearningRate(),
                        o.history().get(e).finetuneLearningRate());
            }
            for (int e = 1; e < 3; e++) {
                FinetuneEpoch previous = o.history().get(e - 1);
                double expected = previous.best() ? previous.learningRate() : previous.learningRate() * 0.1;
                assertEquals(expected, o.history().get(e).learningRate(), 1e-12, "plateau schedule: " + o.history());
                assertEquals(
                        o.history().get(e).learningRate(), o.history().get(e).finetuneLearningRate(), 1e-12);
            }
            Map<String, NpyArray> resumed = StateDicts.export(o.classifier().backbone());
            assertEquals(uninterrupted.keySet(), resumed.keySet());
            for (String k : resumed.keySet()) {
                assertArrayEquals(
                        uninterrupted.get(k).data(), resumed.get(k).data(), 1e-5f, k + " differs after resume");
            }
        }
        try (var files = Files.list(resumeDir)) {
            assertEquals(
                    List.of(FineTuner.CHECKPOINT_FILE_NAME),
                    files.map(f -> f.getFileName().toString()).toList(),
                    "no temp files left");
        }
        IllegalArgumentException other = assertThrows(
                IllegalArgumentException.class,
                () -> FineTuner.run(
                        data,
                        null,
                        CLASSES,
                        Records.builder(full)
                                .set("checkpointDir", resumeDir)
                                .set("epochs", 5)
                                .set("learningRate", 0.5)
                                .build(),
                        null));
        assertTrue(other.getMessage().contains("other settings"), other.getMessage());
    }

    @Test
    void eachParameterGroupGetsItsOwnLearningRate() {
        DriftingDots data = new DriftingDots(8, FRAMES, SIZE, 4);
        ClassifierHeader header =
                ClassifierHeader.of(Backbone.R3D, CLASSES, new InputSpec(FRAMES, SIZE, SIZE), View.RES, WIDTH);
        FinetuneSettings base = small().set("momentum", 0)
                .set("weightDecay", 0)
                .set("batchSize", 8)
                .build();
        Map<String, NpyArray> before;
        try (ActionClassifier initial = ActionClassifier.create(header, Device.cpu(), base.seed())) {
            before = trainable(initial);
            List<Sgd.Group> groups = FineTuner.parameterGroups(initial.backbone(), base);
            assertEquals(2, groups.size());
            long lateNames =
                    before.keySet().stream().filter(FineTunerTest::isLate).count();
            assertEquals(
                    lateNames, groups.get(1).parameters().size(), "conv4, conv5 and linear are the fine-tune group");
            assertEquals(before.size() - lateNames, groups.get(0).parameters().size());
            assertEquals(base.finetuneLearningRate(), groups.get(1).learningRate());
        }
        // only the fine-tune group moves
        try (FinetuneOutcome o = FineTuner.run(
                data,
                null,
                CLASSES,
                Records.builder(base)
                        .set("learningRate", 1e-12)
                        .set("finetuneLearningRate", 0.05)
                        .build(),
                null)) {
            Map<String, NpyArray> after = trainable(o.classifier());
            for (String k : before.keySet()) {
                float moved = maxDifference(before.get(k), after.get(k));
                if (isLate(k)) {
                    assertTrue(moved > 1e-4, k + " should move at the fine-tune rate, moved " + moved);
                } else {
                    assertTrue(moved < 1e-7, k + " should stay at lr 1e-12, moved " + moved);
                }
            }
        }
        // only the early group moves
        try (FinetuneOutcome o = FineTuner.run(
                data,
                null,
                CLASSES,
                Records.builder(base)
                        .set("learningRate", 0.05)
                        .set("finetuneLearningRate", 1e-12)
                        .build(),
                null)) {
            Map<String, NpyArray> after = trainable(o.classifier());
            for (String k : before.keySet()) {
                float moved = maxDifference(before.get(k), after.get(k));
                if (isLate(k)) {
                    assertTrue(moved < 1e-7, k + " should stay at fine-tune lr 1e-12, moved " + moved);
                } else {
                    assertTrue(moved > 1e-6, k + " should move at the base rate, moved " + moved);
                }
            }
        }
    }

    @Test
    void pretrainedEncoderWeightsAreLoaded() throws Exception {
        EncoderHeader encoderHeader = new EncoderHeader(
                Backbone.R3D,
                0,
                new InputSpec(FRAMES, SIZE, SIZE),
                "res",
                Map.of(),
                7,
                Map.of("dataset", "dots"),
                null,
                WIDTH);
        ClassifierHeader header =
                ClassifierHeader.of(Backbone.R3D, CLASSES, new InputSpec(FRAMES, SIZE, SIZE), View.RES, WIDTH);
        try (VideoEncoder encoder = VideoEncoder.create(encoderHeader, Device.cpu(), 77);
                ActionClassifier fromEncoder = ActionClassifier.fromEncoder(encoder, header, Device.cpu(), 1);
                ActionClassifier random = ActionClassifier.create(header, Device.cpu(), 1);
                NDManager m = TorchRuntime.engine().newBaseManager()) {
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, FRAMES, SIZE, SIZE));
            float[] expected = encoder.features(x, FeatureKind.POOLED, false).toFloatArray();
            assertArrayEquals(expected, fromEncoder.features(x).toFloatArray(), 0f, "features equal the encoder's");
            assertFalse(Arrays.equals(expected, random.features(x).toFloatArray()), "a random backbone differs");
            float[] encoderConv1 = StateDicts.export(encoder.backbone())
                    .get("conv1.temporal_spatial_conv.weight")
                    .data();

            // the fine-tuner starts from the encoder: at (practically) zero learning rates its weights stay the
            // encoder's
            FinetuneSettings frozen = small().set("learningRate", 1e-12)
                    .set("finetuneLearningRate", 1e-12)
                    .build();
            try (FinetuneOutcome o =
                    FineTuner.run(new DriftingDots(8, FRAMES, SIZE, 5), encoder, CLASSES, frozen, null)) {
                Map<String, NpyArray> tuned = trainable(o.classifier());
                Map<String, NpyArray> source = StateDicts.export(encoder.backbone());
                for (String k : tuned.keySet()) {
                    if (!k.startsWith("linear")) {
                        assertTrue(maxDifference(source.get(k), tuned.get(k)) < 1e-6, k + " is not the encoder's");
                    }
                }
                assertEquals(
                        "pretrained encoder",
                        o.classifier().header().provenance().get("initialisation"));
                assertEquals("dots", o.classifier().header().provenance().get("encoder.dataset"));
                assertEquals(
                        new InputSpec(FRAMES, SIZE, SIZE, SIZE, SIZE),
                        o.classifier().header().input(),
                        "the geometry of the clips it trained on (frames of 16x16), not the paper's resize");
            }
            assertArrayEquals(
                    encoderConv1,
                    StateDicts.export(encoder.backbone())
                            .get("conv1.temporal_spatial_conv.weight")
                            .data(),
                    0f,
                    "the encoder itself is not modified");
            IllegalArgumentException wide = assertThrows(
                    IllegalArgumentException.class,
                    () -> ActionClassifier.fromEncoder(
                            encoder,
                            ClassifierHeader.of(Backbone.R3D, CLASSES, header.input(), View.RES),
                            Device.cpu(),
                            1));
            assertTrue(
                    wide.getMessage().contains("width 16") && wide.getMessage().contains("width 64"),
                    wide.getMessage());
        }
    }

    /** Gives NaN pixels in one epoch, so the loss becomes NaN there. */
    record PoisonedSource(ClipSource delegate, int poisonedEpoch) implements ClipSource {
        @Override
        public List<VideoEntry> videos() {
            return delegate.videos();
        }

        @Override
        public ClipSettings settings() {
            return delegate.settings();
        }

        @Override
        public List<Clip> testClips(int video, int count) {
            return delegate.testClips(video, count);
        }

        @Override
        public Clip trainClip(int video, long seed, int epoch) {
            Clip c = delegate.trainClip(video, seed, epoch);
            if (epoch != poisonedEpoch) {
                return c;
            }
            float[] nan = new float[c.size()];
            Arrays.fill(nan, Float.NaN);
            return new Clip(nan, null, null, c.length(), c.height(), c.width(), false);
        }
    }

    @Test
    void nanLossStopsNamingEpochAndStepAndKeepsTheLastGoodCheckpoint(@TempDir Path tmp) throws Exception {
        ClipSource poisoned = new PoisonedSource(new DriftingDots(8, FRAMES, SIZE, 6), 2);
        FinetuneSettings s = small().set("epochs", 3)
                .set("checkpointInterval", 1)
                .set("checkpointDir", tmp)
                .build();
        TrainingDivergedException e =
                assertThrows(TrainingDivergedException.class, () -> FineTuner.run(poisoned, null, CLASSES, s, null));
        assertEquals(2, e.epoch());
        assertEquals(1, e.step());
        assertTrue(e.getMessage().contains("epoch 2, step 1"), e.getMessage());
        assertEquals(
                1,
                TrainingCheckpoint.read(FineTuner.checkpointFile(tmp), FinetuneEpoch.class)
                        .epoch());
    }

    /**
     * Lost work, fault injection: with the default interval a checkpoint follows every epoch, so a run cancelled in
     * epoch 2 keeps epoch 1 (no temp file, no lock, every native array freed, stopped within seconds) and resuming
     * it ends exactly where an uninterrupted run does.
     */
    @Test
    void cancelledAfterACheckpointResumesToTheUninterruptedResult(@TempDir Path tmp) throws Exception {
        DriftingDots data = new DriftingDots(12, FRAMES, SIZE, 3);
        FinetuneSettings s = small().set("epochs", 2).set("plateauPatience", 0).build();
        assertEquals(1, s.checkpointInterval(), "the default loses at most one epoch");
        Map<String, NpyArray> uninterrupted;
        try (FinetuneOutcome o = FineTuner.run(data, null, CLASSES, s, null)) {
            uninterrupted = StateDicts.export(o.classifier().backbone());
        }
        Path folder = tmp.resolve("checkpoint");
        FinetuneSettings withFolder =
                Records.builder(s).set("checkpointDir", folder).build();
        int before = Cancelling.liveNativeArrays();
        Cancelling cancel = new Cancelling(4); // epoch 1: 2 steps + its summary; then epoch 2, step 1
        assertThrows(CancelledException.class, () -> FineTuner.run(data, null, CLASSES, withFolder, cancel));
        assertTrue(cancel.secondsSinceCancelSeen() < 3, "stopped " + cancel.secondsSinceCancelSeen() + " s after");
        assertEquals(before, Cancelling.liveNativeArrays(), "native arrays left after the cancel");
        try (var files = Files.list(folder)) {
            assertEquals(
                    List.of(FineTuner.CHECKPOINT_FILE_NAME),
                    files.map(f -> f.getFileName().toString()).toList(),
                    "the checkpoint alone: no temp file, no lock");
        }
        assertEquals(
                1,
                TrainingCheckpoint.read(FineTuner.checkpointFile(folder), FinetuneEpoch.class)
                        .epoch());
        try (FinetuneOutcome o = FineTuner.run(data, null, CLASSES, withFolder, null)) {
            Map<String, NpyArray> resumed = StateDicts.export(o.classifier().backbone());
            for (String k : resumed.keySet()) {
                assertArrayEquals(uninterrupted.get(k).data(), resumed.get(k).data(), 1e-5f, k + " after resume");
            }
        }
    }

    @Test
    void cancellationStopsPromptly() {
        List<String> messages = new ArrayList<>();
        Progress cancelAfterTwoSteps = new Progress() {
            @Override
            public void report(double fraction, String message) {
                messages.add(message);
            }

            @Override
            public boolean isCancelled() {
                return messages.size() >= 2;
            }
        };
        assertThrows(
                CancelledException.class,
                () -> FineTuner.run(
                        new DriftingDots(16, FRAMES, SIZE, 7),
                        null,
                        CLASSES,
                        small().set("epochs", 20).build(),
                        cancelAfterTwoSteps));
        assertEquals(2, messages.size());
        assertTrue(messages.get(0).startsWith("Epoch 1/20 step 1/3: loss"), messages.get(0));
    }

    @Test
    void badInputsAreNamed() {
        DriftingDots data = new DriftingDots(8, FRAMES, SIZE, 8);
        IllegalArgumentException names = assertThrows(
                IllegalArgumentException.class,
                () -> FineTuner.run(data, null, List.of("up", "down", "right", "left"), small().build(), null));
        assertTrue(
                names.getMessage().contains("is of class 'left'")
                        && names.getMessage().contains("'right'"),
                names.getMessage());
        IllegalArgumentException few = assertThrows(
                IllegalArgumentException.class,
                () -> FineTuner.run(data, null, List.of("up", "down"), small().build(), null));
        assertTrue(few.getMessage().contains("class index 2"), few.getMessage());
        IllegalArgumentException size = assertThrows(
                IllegalArgumentException.class,
                () -> FineTuner.run(
                        data, null, CLASSES, small().set("cropSize", 112).build(), null));
        assertTrue(size.getMessage().contains("crop 112"), size.getMessage());
        IllegalArgumentException flow = assertThrows(
                IllegalArgumentException.class,
                () -> FineTuner.run(
                        data, null, CLASSES, small().set("modality", View.U).build(), null));
        assertTrue(flow.getMessage().contains("needs optical flow"), flow.getMessage());
        IllegalArgumentException held = assertThrows(
                IllegalArgumentException.class,
                () -> FineTuner.run(
                        data, null, CLASSES, small().set("validationVideos", 8).build(), null));
        assertTrue(held.getMessage().contains("Validation videos is 8"), held.getMessage());
        IllegalArgumentException settings = assertThrows(
                IllegalArgumentException.class,
                () -> FineTuner.run(
                        data, null, CLASSES, small().set("epochs", 0).build(), null));
        assertTrue(settings.getMessage().contains("Epochs is 0"), settings.getMessage());
    }
}
