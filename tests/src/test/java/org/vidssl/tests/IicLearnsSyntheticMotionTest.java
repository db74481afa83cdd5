package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

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
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.backbone.Architecture;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;

/**
 * Evidence that IIC pretraining learns on real video files: an R3D (the paper's topology at a quarter of its width,
 * to stay quick on a CPU) trained on the synthetic motion dataset with 8-frame 56x56 clips, residual view 2 and
 * frame-repeat intra-negatives. Over a few epochs the contrastive loss must fall and the probability the objective
 * gives the positive pair must rise.
 */
class IicLearnsSyntheticMotionTest {

    @TempDir
    Path work;

    @Test
    void lossFallsAndPositiveProbabilityRisesOverEpochs() throws Exception {
        SyntheticSettings synthetic = new SyntheticSettings(4, 8, 16, 64, 64, SyntheticSettings.Container.MP4, 0.25, 3);
        Path root = SyntheticMotionDataset.generate(synthetic, work.resolve("synthetic"), Progress.NONE);
        VideoDataset dataset = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), Progress.NONE);

        ClipSettings clips = new ClipSettings(8, 64, 64, 56, false, View.RES, IntraNegative.REPEAT, 1);
        PretrainSettings settings = PretrainSettings.DEFAULTS.toBuilder().model(Architecture.R3D.id()).width(16)
            .objective(Objective.SIMCLR).normalizeFeatures(true).modality(View.RES).intraNegative(IntraNegative.REPEAT)
            .epochs(4).batchSize(8).learningRate(0.03).clipLength(8).cropSize(56).threads(2).seed(5).build();

        try (ClipSource train = ClipSources.open(dataset.videos(Split.TRAIN), clips, null);
            PretrainOutcome outcome = IicPretraining.run(train, settings, Progress.NONE, null)) {
            List<EpochRecord> history = outcome.history();
            assertEquals(4, history.size());
            EpochRecord first = history.get(0);
            EpochRecord last = history.get(history.size() - 1);
            double firstProb = (first.probView1() + first.probView2()) / 2;
            double lastProb = (last.probView1() + last.probView2()) / 2;
            assertTrue(last.loss() < first.loss(), "loss should fall: " + history);
            assertTrue(lastProb > firstProb, "positive-pair probability should rise: " + history);
        }
    }
}
