package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.knime.port.SpecContents;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;

class ModelClipsTest {

    static VideoEncoderPortObjectSpec encoder(
            final int frames, final int crop, final int resizeHeight, final int resizeWidth)
            throws InvalidSettingsException {
        return SpecContents.load(
                VideoEncoderPortObjectSpec.class,
                Map.of(
                        "architecture",
                        "r3d",
                        "modality",
                        "res",
                        "clipLength",
                        frames,
                        "height",
                        crop,
                        "width",
                        crop,
                        "resizeHeight",
                        resizeHeight,
                        "resizeWidth",
                        resizeWidth));
    }

    @Test
    void theNetworksGeometryWithCentreCropsAndNoIntraNegative() throws InvalidSettingsException {
        ClipSettings c = ModelClips.forModel(encoder(8, 56, 64, 86), 3);
        assertEquals(8, c.clipLength());
        assertEquals(64, c.resizeHeight(), "the resize the network was trained with, not the paper's 128");
        assertEquals(86, c.resizeWidth());
        assertEquals(56, c.cropSize());
        assertEquals(3, c.testClips());
        assertEquals(View.RES, c.view2());
        assertEquals(IntraNegative.NONE, c.intraNegative());
        assertFalse(c.flip());
        assertEquals(0, c.problems().size());
    }

    @Test
    void specsWithoutAResizeGetThePapersGrownToTheCrop() throws InvalidSettingsException {
        Map<String, Object> old =
                Map.of("architecture", "r3d", "modality", "rgb", "clipLength", 16, "height", 160, "width", 160);
        ClipSettings c = ModelClips.forModel(SpecContents.load(VideoEncoderPortObjectSpec.class, old), 10);
        assertEquals(160, c.resizeHeight());
        assertEquals(171, c.resizeWidth());
        assertEquals(0, c.problems().size(), c.problems().toString());
    }

    @Test
    void nonSquareInputsAreNamed() throws InvalidSettingsException {
        Map<String, Object> wide =
                Map.of("architecture", "r3d", "modality", "rgb", "clipLength", 16, "height", 112, "width", 140);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ModelClips.forModel(SpecContents.load(VideoEncoderPortObjectSpec.class, wide), 10));
        assertEquals(true, e.getMessage().contains("112x140"), e.getMessage());
    }
}
