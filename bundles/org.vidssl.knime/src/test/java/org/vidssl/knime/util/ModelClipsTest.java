package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;

class ModelClipsTest {

    @Test
    void theNetworksInputSizeWithThePapersResizeAndNoIntraNegative() {
        ClipSettings c = ModelClips.forModel(8, 56, 3);
        assertEquals(8, c.clipLength());
        assertEquals(56, c.cropSize());
        assertEquals(3, c.testClips());
        assertEquals(ClipSettings.DEFAULTS.resizeHeight(), c.resizeHeight());
        assertEquals(ClipSettings.DEFAULTS.resizeWidth(), c.resizeWidth());
        assertEquals(IntraNegative.NONE, c.intraNegative());
        assertFalse(c.flip());
        assertEquals(0, c.problems().size());
    }

    @Test
    void cropsLargerThanTheResizeGetLargerFrames() {
        ClipSettings c = ModelClips.forModel(16, 160, 10);
        assertEquals(160, c.resizeHeight());
        assertEquals(171, c.resizeWidth());
        assertEquals(0, c.problems().size(), c.problems().toString());
    }
}
