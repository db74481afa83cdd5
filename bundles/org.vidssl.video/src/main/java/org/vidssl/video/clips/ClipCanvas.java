package org.vidssl.video.clips;

import java.nio.ByteBuffer;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipPlan;

/**
 * The float C x T x H x W array of one clip view, filled frame by frame from 8-bit pixels. Only
 * the crop rows are copied out of native memory (one bulk copy per row), and bytes become floats
 * in the same pass that crops, flips and turns BGR into RGB planes.
 */
final class ClipCanvas {

    /** byte value -> value / 255f, exactly torchvision's ToTensor division */
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    private final ClipPlan plan;
    private final int length;
    private final int size;
    private final int planeSize;
    private final int channelSize;
    final float[] data;
    private final byte[] row;

    ClipCanvas(ClipPlan plan, int cropSize) {
        this.plan = plan;
        this.length = plan.length();
        this.size = cropSize;
        this.planeSize = cropSize * cropSize;
        this.channelSize = length * planeSize;
        this.data = new float[Clip.CHANNELS * channelSize];
        this.row = new byte[cropSize * 3];
    }

    /**
     * Writes a BGR frame (3 bytes per pixel, {@code stride} bytes per row, already resized) as
     * clip position {@code t}.
     */
    void putBgr(int t, ByteBuffer pixels, long stride) {
        int red = t * planeSize;
        int green = channelSize + red;
        int blue = 2 * channelSize + red;
        boolean flip = plan.flip();
        for (int y = 0; y < size; y++) {
            pixels.get((int) ((plan.cropY() + y) * stride + plan.cropX() * 3L), row, 0, size * 3);
            int out = y * size + (flip ? size - 1 : 0);
            int dx = flip ? -1 : 1;
            for (int x = 0, in = 0; x < size; x++, in += 3, out += dx) {
                data[blue + out] = UNIT[row[in] & 0xFF];
                data[green + out] = UNIT[row[in + 1] & 0xFF];
                data[red + out] = UNIT[row[in + 2] & 0xFF];
            }
        }
    }

    /**
     * Writes a grey frame (1 byte per pixel) replicated to the three channels. With
     * {@code negateOnFlip} a flipped frame is also negated around the middle grey, as mirroring
     * reverses horizontal motion.
     */
    void putGrey(int t, ByteBuffer pixels, long stride, boolean negateOnFlip) {
        int first = t * planeSize;
        boolean flip = plan.flip();
        boolean negate = flip && negateOnFlip;
        for (int y = 0; y < size; y++) {
            pixels.get((int) ((plan.cropY() + y) * stride + plan.cropX()), row, 0, size);
            int out = first + y * size + (flip ? size - 1 : 0);
            int dx = flip ? -1 : 1;
            for (int x = 0; x < size; x++, out += dx) {
                int v = row[x] & 0xFF;
                data[out] = UNIT[negate ? 255 - v : v];
            }
        }
        // the other two channels are copies of the first
        System.arraycopy(data, first, data, channelSize + first, planeSize);
        System.arraycopy(data, first, data, 2 * channelSize + first, planeSize);
    }

    /** Copies the frame at clip position {@code from} to position {@code to}, all channels. */
    void copyPosition(int from, int to) {
        for (int c = 0; c < Clip.CHANNELS; c++) {
            System.arraycopy(
                    data, c * channelSize + from * planeSize, data, c * channelSize + to * planeSize, planeSize);
        }
    }
}
