package org.vidssl.torch.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.testing.MovingSquares;

class IicPretrainingTest {

    @TempDir
    Path dir;

    private static PretrainSettings tiny() {
        return Records.builder(PretrainSettings.DEFAULTS)
                .set("model", "r3d")
                .set("width", 8)
                .set("objective", Objective.SIMCLR)
                .set("intraNegative", IntraNegative.REPEAT)
                .set("modality", View.RES)
                .set("normalizeFeatures", true)
                .set("epochs", 2)
                .set("batchSize", 4)
                .set("learningRate", 0.03)
                .set("clipLength", 8)
                .set("cropSize", 32)
                .set("threads", 2)
                .set("seed", 7)
                .build();
    }

    @Test
    void trainsANarrowR3dIntoAnEncoderFileWhoseHeaderHasTheSettings() throws Exception {
        MovingSquares data = new MovingSquares(8, 8, 32, 3);
        List<StepReport> steps = new ArrayList<>();
        Path file = dir.resolve("iic.vidssl");
        PretrainSettings s = tiny();
        try (PretrainOutcome out = IicPretraining.run(data, s, "squares", Progress.NONE, steps::add)) {
            assertEquals(2, out.history().size());
            assertEquals(2 * 2, steps.size(), "8 videos / batch 4 = 2 steps per epoch");
            EncoderHeader h = out.encoder().header();
            assertEquals(Backbone.R3D, h.architecture());
            assertEquals(8, h.width());
            assertEquals(2, h.epoch());
            assertEquals("res", h.modality());
            assertEquals(
                    new InputSpec(8, 32, 32, 32, 32),
                    h.input(),
                    "the geometry of the clips it trained on (frames of 32x32), not the paper's resize");
            EncoderFile.save(file, out.encoder());
        }
        EncoderHeader read = EncoderFile.readHeader(file);
        assertEquals(s.toMap().get("learningRate"), read.training().get("learningRate"));
        assertEquals("simclr", read.training().get("objective"));
        assertEquals("repeat", read.training().get("intraNegative"));
        assertEquals("64", read.training().get("featureDim"), "the feature dimension is the backbone's: 8 x width");
        assertEquals("8", read.training().get("width"));
        assertEquals("squares", read.provenance().get("dataset"));
        assertTrue(
                read.provenance().get("tool").startsWith("vidssl "),
                read.provenance().toString());
        assertEquals(8, read.width());
        try (VideoEncoder loaded = EncoderFile.load(file, Device.cpu());
                NDManager m = loaded.manager().newSubManager()) {
            NDArray f = loaded.features(m.zeros(new Shape(2, 3, 8, 32, 32)), FeatureKind.POOLED, false);
            assertEquals(new Shape(2, 64), f.getShape());
        }
    }

    @Test
    void clipSizeThatDisagreesWithTheSourceIsNamed() {
        MovingSquares data = new MovingSquares(8, 8, 32, 3);
        PretrainSettings s = Records.builder(tiny()).set("cropSize", 28).build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> IicPretraining.run(data, s, Progress.NONE, null));
        assertTrue(e.getMessage().contains("crop 28"), e.getMessage());
    }
}
