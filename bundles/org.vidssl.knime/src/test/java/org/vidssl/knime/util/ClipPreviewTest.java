package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;

class ClipPreviewTest {

    private static final int T = 4;
    private static final int H = 2;
    private static final int W = 2;

    /** Grey frames getting brighter: frame t has the value t / 4 in every channel and pixel. */
    private static Clip brightening() {
        int plane = T * H * W;
        float[] rgb = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < T; t++) {
                for (int i = 0; i < H * W; i++) {
                    rgb[c * plane + t * H * W + i] = t / 4f;
                }
            }
        }
        return new Clip(rgb, null, null, T, H, W, false);
    }

    /** The grey level of every frame of a film strip. */
    private static int[] frameLevels(final byte[] png) throws IOException {
        BufferedImage strip = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(T * W, strip.getWidth());
        assertEquals(H, strip.getHeight());
        int[] levels = new int[T];
        for (int t = 0; t < T; t++) {
            levels[t] = strip.getRGB(t * W, 0) & 0xff;
        }
        return levels;
    }

    private static int level(final double value) {
        return (int) Math.round(value * 255);
    }

    @Test
    void residualViewIsTheFrameDifferenceAsPretrainingComputesIt() throws IOException {
        ClipPreview.Strips strips = ClipPreview.render(brightening(), View.RES, IntraNegative.NONE, 1);
        assertArrayEquals(new int[] {level(0), level(0.25), level(0.5), level(0.75)}, frameLevels(strips.clip()));
        // (x - roll(x, 1) + 1) / 2: the first frame is compared with the last one
        assertArrayEquals(
                new int[] {level(0.125), level(0.625), level(0.625), level(0.625)}, frameLevels(strips.view2()));
        assertNull(strips.intraNegative(), "no intra-negative was asked for");
    }

    @Test
    void repeatIntraNegativeShowsOneFrameEverywhere() throws IOException {
        ClipPreview.Strips strips = ClipPreview.render(brightening(), View.RGB, IntraNegative.REPEAT, 5);
        assertArrayEquals(frameLevels(strips.clip()), frameLevels(strips.view2()), "view 2 rgb is the clip");
        int[] negative = frameLevels(strips.intraNegative());
        for (int t = 1; t < T; t++) {
            assertEquals(negative[0], negative[t]);
        }
    }

    @Test
    void flowViewWithoutFlowFramesHasNoImage() {
        assertNull(
                ClipPreview.render(brightening(), View.U, IntraNegative.NONE, 1).view2());
    }
}
