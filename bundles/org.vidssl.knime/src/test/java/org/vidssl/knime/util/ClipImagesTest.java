package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.Clip;

class ClipImagesTest {

    /** A 3-frame 2x4 clip where every frame has its own colour: red, green, blue. */
    private static Clip colouredFrames() {
        int t = 3, h = 2, w = 4, plane = t * h * w;
        float[] rgb = new float[3 * plane];
        for (int f = 0; f < t; f++) {
            for (int i = 0; i < h * w; i++) {
                rgb[f * plane + f * h * w + i] = 1f; // channel f of frame f
            }
        }
        return new Clip(rgb, null, null, t, h, w, false);
    }

    @Test
    void filmStripPutsFramesSideBySideInTimeOrder() {
        Clip clip = colouredFrames();
        BufferedImage strip = ClipImages.filmStrip(clip.rgb(), 3, 2, 4);
        assertEquals(12, strip.getWidth());
        assertEquals(2, strip.getHeight());
        assertEquals(0xFF0000, strip.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, strip.getRGB(4, 1) & 0xFFFFFF);
        assertEquals(0x0000FF, strip.getRGB(11, 1) & 0xFFFFFF);
    }

    @Test
    void pngDecodesToTheSamePixels() throws IOException {
        Clip clip = colouredFrames();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(ClipImages.rgbPng(clip)));
        BufferedImage strip = ClipImages.filmStrip(clip.rgb(), 3, 2, 4);
        assertArrayEquals(strip.getRGB(0, 0, 12, 2, null, 0, 12), decoded.getRGB(0, 0, 12, 2, null, 0, 12));
    }

    @Test
    void valuesOutsideTheUnitRangeAreClamped() {
        float[] rgb = {-0.5f, 2f, 0.5f};
        assertEquals(0x00FF80, ClipImages.filmStrip(rgb, 1, 1, 1).getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void wrongSizeIsRejectedWithTheExpectedCount() {
        var e = assertThrows(IllegalArgumentException.class, () -> ClipImages.filmStrip(new float[5], 1, 1, 1));
        assertEquals("view has 5 values, expected 3", e.getMessage());
    }
}
