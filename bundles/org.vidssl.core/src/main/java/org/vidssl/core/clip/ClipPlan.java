package org.vidssl.core.clip;

import java.util.Arrays;

/**
 * Where one clip comes from: which source frames, in order, and which square of each frame.
 * Decoders follow a plan exactly, so a clip is fully determined by its plan.
 *
 * @param frames  0-based source frame index for every clip position (length T); consecutive, or
 *                wrapped around when the video is shorter than T
 * @param start   the first source frame, {@code frames[0]}
 * @param cropY   top row of the crop in the resized frame
 * @param cropX   left column of the crop in the resized frame
 * @param flip    mirror every frame horizontally (after cropping)
 * @param looped  true when the video had fewer than T frames and the frame indices wrap
 */
public record ClipPlan(int[] frames, int start, int cropY, int cropX, boolean flip, boolean looped) {

    public ClipPlan {
        frames = frames.clone();
    }

    /** T, the number of frames in the clip. */
    public int length() {
        return frames.length;
    }

    /** The source frame at clip position {@code t}. */
    public int frame(int t) {
        return frames[t];
    }

    @Override
    public int[] frames() {
        return frames.clone();
    }

    /** Smallest and largest source frame used: a decoder reads this range once, in order. */
    public int firstFrame() {
        return Arrays.stream(frames).min().orElseThrow();
    }

    public int lastFrame() {
        return Arrays.stream(frames).max().orElseThrow();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClipPlan p
                && Arrays.equals(frames, p.frames)
                && start == p.start
                && cropY == p.cropY
                && cropX == p.cropX
                && flip == p.flip
                && looped == p.looped;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(frames) + java.util.Objects.hash(start, cropY, cropX, flip, looped);
    }

    @Override
    public String toString() {
        return "ClipPlan[frames " + frames[0] + ".." + frames[frames.length - 1] + (looped ? " looped" : "")
                + ", crop y=" + cropY + " x=" + cropX + (flip ? ", flipped" : "") + "]";
    }
}
