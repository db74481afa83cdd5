package org.vidssl.core.clip;

/**
 * A batch of clips ready for a network, layout N x C x T x H x W (C = 3).
 *
 * @param data          the RGB clips, N*C*T*H*W floats
 * @param flowU         horizontal flow clips of the same layout, or null when the source gives none
 * @param flowV         vertical flow clips of the same layout, or null when the source gives none
 * @param videoIndices  for each clip, its index into {@link ClipSource#videos()} (the memory-bank index)
 * @param labels        for each clip, the video's class index
 * @param length        T
 * @param height        H
 * @param width         W
 * @param anyLooped     true when at least one clip came from a video shorter than T (looped)
 */
public record ClipBatch(
        float[] data,
        float[] flowU,
        float[] flowV,
        int[] videoIndices,
        int[] labels,
        int length,
        int height,
        int width,
        boolean anyLooped) {

    /** N, the number of clips. */
    public int size() {
        return videoIndices.length;
    }

    /** The shape N x C x T x H x W. */
    public long[] shape() {
        return new long[] {size(), Clip.CHANNELS, length, height, width};
    }

    /** Floats per clip. */
    public int clipSize() {
        return Clip.CHANNELS * length * height * width;
    }
}
