package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Records;
import org.vidssl.knime.port.SpecContents;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;

/**
 * The IIC_Pipeline_Quick example workflow pretrains on 8-frame clips cropped to 56 from frames resized to 64x86;
 * the encoder it writes must make the Embedding Extractor, the Learner and the Predictor cut the same clips, not
 * 56x56 crops of frames resized to the paper's 128x171 (twice the zoom).
 */
class QuickWorkflowGeometryTest {

    /** The Quick workflow's Clip Pipeline settings (ExampleWorkflows.quick() in the workflows module). */
    static final ClipSettings QUICK_CLIPS = new ClipSettings(8, 64, 86, 56, false, View.RES, IntraNegative.REPEAT, 2);

    /** Its Embedding Extractor's clips per video. */
    static final int EXTRACTOR_CLIPS = 2;

    @Test
    void extractionCutsTheClipsTheEncoderWasPretrainedOn(@TempDir final Path tmp) throws Exception {
        // the Quick workflow's Synthetic Motion Videos at 64x86, fewer videos
        Path root = SyntheticMotionDataset.generate(
                new SyntheticSettings(5, 2, 24, 64, 86, SyntheticSettings.Container.MP4, 0.5, 7),
                tmp.resolve("synthetic"),
                Progress.NONE);
        List<VideoEntry> videos = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), Progress.NONE)
                .videos();
        // the Quick workflow's IIC Pretrainer, one epoch
        PretrainSettings pretrain = Records.builder(PretrainSettings.DEFAULTS)
                .set("model", "r3d")
                .set("width", 16)
                .set("objective", Objective.SIMCLR)
                .set("epochs", 1)
                .set("batchSize", 8)
                .set("learningRate", 0.05)
                .set("lrMilestones", new int[0])
                .set("clipLength", QUICK_CLIPS.clipLength())
                .set("cropSize", QUICK_CLIPS.cropSize())
                .set("modality", QUICK_CLIPS.view2())
                .set("intraNegative", QUICK_CLIPS.intraNegative())
                .set("threads", 2)
                .build();
        Path encoderFile = tmp.resolve("quick.vidssl");
        try (ClipSource source = ClipSources.open(videos, QUICK_CLIPS, null);
                PretrainOutcome outcome = IicPretraining.run(source, pretrain, Progress.NONE, null)) {
            EncoderFile.save(encoderFile, outcome.encoder());
        }
        EncoderHeader header = EncoderFile.readHeader(encoderFile);
        assertEquals(new InputSpec(8, 56, 56, 64, 86), header.input());

        // the port spec the Pretrainer hands on, as KNIME saves and loads it
        InputSpec input = header.input();
        VideoEncoderPortObjectSpec spec = SpecContents.load(
                VideoEncoderPortObjectSpec.class,
                Map.of(
                        "architecture",
                        header.architecture().id(),
                        "modality",
                        header.modality(),
                        "clipLength",
                        input.frames(),
                        "height",
                        input.height(),
                        "width",
                        input.width(),
                        "resizeHeight",
                        input.resizeHeight(),
                        "resizeWidth",
                        input.resizeWidth()));
        ClipSettings extraction = ModelClips.forModel(spec, EXTRACTOR_CLIPS);
        assertEquals(
                List.of(8, 64, 86, 56),
                List.of(
                        extraction.clipLength(),
                        extraction.resizeHeight(),
                        extraction.resizeWidth(),
                        extraction.cropSize()));
        assertEquals(extraction, header.input().clipSettings(View.RES, EXTRACTOR_CLIPS), "the engine's view agrees");

        // pixel for pixel: the extractor's evaluation clips are the pretraining pipeline's
        try (ClipSource pretraining = ClipSources.open(videos, QUICK_CLIPS, null);
                ClipSource extracting = ClipSources.open(videos, extraction, null)) {
            for (int video : new int[] {0, videos.size() - 1}) {
                List<Clip> expected = pretraining.testClips(video, EXTRACTOR_CLIPS);
                List<Clip> actual = extracting.testClips(video, EXTRACTOR_CLIPS);
                for (int c = 0; c < EXTRACTOR_CLIPS; c++) {
                    assertEquals(56, actual.get(c).height());
                    assertArrayEquals(expected.get(c).rgb(), actual.get(c).rgb(), "video " + video + " clip " + c);
                }
            }
        }
    }
}
