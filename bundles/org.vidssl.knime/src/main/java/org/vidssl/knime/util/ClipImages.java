package org.vidssl.knime.util;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.vidssl.core.clip.Clip;

/** Renders clips as PNG film strips for preview tables. */
public final class ClipImages {

    private ClipImages() {}

    /**
     * All frames of one view side by side, left to right in time.
     *
     * @param view C x T x H x W floats in [0,1] (C = 3), e.g. {@link Clip#rgb()}
     */
    public static BufferedImage filmStrip(final float[] view, final int length, final int height, final int width) {
        int plane = length * height * width;
        if (view.length != Clip.CHANNELS * plane) {
            throw new IllegalArgumentException(
                    "view has " + view.length + " values, expected " + Clip.CHANNELS * plane);
        }
        BufferedImage image = new BufferedImage(length * width, height, BufferedImage.TYPE_INT_RGB);
        for (int t = 0; t < length; t++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int at = (t * height + y) * width + x;
                    int rgb = (level(view[at]) << 16) | (level(view[plane + at]) << 8) | level(view[2 * plane + at]);
                    image.setRGB(t * width + x, y, rgb);
                }
            }
        }
        return image;
    }

    /** PNG bytes of the RGB film strip of a clip. */
    public static byte[] rgbPng(final Clip clip) {
        return png(filmStrip(clip.rgb(), clip.length(), clip.height(), clip.width()));
    }

    public static byte[] png(final BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e); // in-memory stream: does not happen
        }
    }

    private static int level(final float value) {
        return Math.round(Math.max(0f, Math.min(1f, value)) * 255f);
    }
}
