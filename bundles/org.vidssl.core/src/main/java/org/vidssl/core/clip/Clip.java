package org.vidssl.core.clip;

/**
 * A decoded, cropped clip. Every array holds floats in [0,1] in layout C x T x H x W with C = 3
 * (flow frames are grey and are replicated to three channels, as the reference reads them).
 *
 * @param rgb    the RGB clip
 * @param flowU  horizontal flow clip with the same crop, or null when not requested
 * @param flowV  vertical flow clip with the same crop, or null when not requested
 * @param length T, frames in the clip
 * @param height H after cropping
 * @param width  W after cropping
 * @param looped true when the video had fewer than T frames and was looped to length T
 */
public record Clip(float[] rgb, float[] flowU, float[] flowV, int length, int height, int width, boolean looped) {

    public static final int CHANNELS = 3;

    public Clip {
        int expected = CHANNELS * length * height * width;
        if (rgb.length != expected) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " values, expected " + expected);
        }
    }

    /** Number of floats in one view of this clip. */
    public int size() {
        return rgb.length;
    }
}
