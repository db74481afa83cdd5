package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.finetune.ActionPredictor;
import org.vidssl.torch.finetune.FineTuner;
import org.vidssl.torch.finetune.FinetuneOutcome;
import org.vidssl.torch.finetune.Predictions;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;

/**
 * Evidence that supervised fine-tuning learns the motion and not the videos: an R3D (quarter width) trained from
 * random init on a synthetic set like the demo's (10 motion classes x 24 videos at 32x32, appearance random per
 * video) but with motion three times as fast recognises held-out videos: at least 60% top-1 (chance 10%). At the
 * default speed (0.6-1.2 pixels per frame) the same training memorised the training videos' appearance and reached
 * 10-25%; fed the residual with the pretraining offset, (x - roll(x) + 1) / 2, it did not even fit them.
 */
@Tag("slow")
class FinetuneLearnsSyntheticMotionTest {

    private static final int CLASSES = 10;
    private static final int EPOCHS = 30;
    /** Measured 68.3% at three times the default speed; 53.3% at twice (then with 2 test clips per video). */
    private static final double MOTION_SPEED = 3;

    private static final int TEST_CLIPS = 10;

    @TempDir
    Path work;

    @Test
    void randomInitClassifierRecognisesHeldOutVideosByTheirMotion() throws Exception {
        SyntheticSettings synthetic = new SyntheticSettings(
                CLASSES, 24, 16, 32, 32, SyntheticSettings.Container.MP4, 0.25, 632, MOTION_SPEED);
        Path root = SyntheticMotionDataset.generate(synthetic, work.resolve("synthetic"), Progress.NONE);
        VideoDataset dataset = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), Progress.NONE);
        ClipSettings clips = new ClipSettings(8, 32, 32, 28, false, View.RES, IntraNegative.NONE, TEST_CLIPS);
        FinetuneSettings settings = Records.builder(FinetuneSettings.DEFAULTS)
                .set("model", Backbone.R3D.id())
                .set("width", 16)
                .set("modality", View.RES)
                .set("epochs", EPOCHS)
                .set("batchSize", 16)
                .set("learningRate", 0.01)
                .set("finetuneLearningRate", 0.01)
                .set("clipLength", 8)
                .set("cropSize", 28)
                .set("testClips", TEST_CLIPS)
                .set("threads", 2)
                .set("seed", 632)
                .build()
                .validate();
        try (ClipSource train = ClipSources.open(dataset.videos(Split.TRAIN), clips, null);
                ClipSource test = ClipSources.open(dataset.videos(Split.TEST), clips, null);
                FinetuneOutcome outcome = FineTuner.run(train, null, dataset.classes(), settings, Progress.NONE)) {
            List<FinetuneEpoch> history = outcome.history();
            assertEquals(settings.epochs(), history.size());
            assertTrue(
                    history.get(history.size() - 1).trainAccuracy() > 0.4,
                    "the training videos are fitted: " + history);
            Predictions predictions =
                    ActionPredictor.predict(outcome.classifier(), test, TEST_CLIPS, 20, 2, Progress.NONE);
            assertEquals(dataset.videos(Split.TEST).size(), predictions.scoredCount());
            System.out.println("held-out top-1 " + predictions.top1() + " after " + history);
            // 60 test videos: chance (10%) reaches 25% with probability below 0.1%
            assertTrue(
                    predictions.top1() >= 0.6,
                    "held-out top-1 " + predictions.top1() + " should be at least 0.6" + " (chance " + 1.0 / CLASSES
                            + "); training history: " + history);
        }
    }
}
