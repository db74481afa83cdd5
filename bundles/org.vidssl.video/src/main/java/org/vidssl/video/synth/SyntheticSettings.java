package org.vidssl.video.synth;

import java.util.ArrayList;
import java.util.List;

import org.vidssl.core.settings.Checks;

/**
 * Settings of the synthetic motion dataset: each class is a motion pattern, appearance is random and
 * independent of the class. Deterministic from {@link #seed()}.
 *
 * @param classes        number of classes, the first of {@link MotionPattern#values()} (2 to 15)
 * @param videosPerClass videos generated per class (at least 2: one train, one test)
 * @param frames         frames per video (at least 2)
 * @param height         frame height, default 128 (the paper's resize height)
 * @param width          frame width, default 171. 4:2:0 video needs even sizes, so an odd width or height is
 *                       stored with one more column or row copied from the edge (171 is stored as 172)
 * @param container      file format: MP4 with H.264 (default) or AVI with MPEG-4 part 2 (as UCF101's XviD)
 * @param testFraction   share of each class's videos put in testlist01.txt, in (0, 1)
 * @param seed           seed of every random choice (appearance, motion speed, split)
 * @param motionSpeed    how fast objects move, as a multiple of the default: 1 draws each video's speed from 0.6 to
 *                       1.2 pixels per frame per 32 pixels of the shorter frame side, 2 from 1.2 to 2.4. Faster
 *                       motion lets networks trained from scratch on a few hundred videos learn the motion instead
 *                       of memorising each video's appearance (0.25 to 8)
 */
public record SyntheticSettings(int classes, int videosPerClass, int frames, int height, int width, Container container,
        double testFraction, long seed, double motionSpeed) {

    /** The default motion speed (1). */
    public static final double DEFAULT_MOTION_SPEED = 1;

    /** Settings with the default motion speed. */
    public SyntheticSettings(int classes, int videosPerClass, int frames, int height, int width, Container container,
            double testFraction, long seed) {
        this(classes, videosPerClass, frames, height, width, container, testFraction, seed, DEFAULT_MOTION_SPEED);
    }

    /** Video file format of the generated dataset. */
    public enum Container {
        /** MP4 with H.264 (FFmpeg's OpenH264 encoder). */
        MP4("mp4"),
        /** AVI with MPEG-4 part 2, like UCF101's XviD files. */
        AVI("avi");

        private final String extension;

        Container(String extension) {
            this.extension = extension;
        }

        /** File extension without the dot. */
        public String extension() {
            return extension;
        }
    }

    public static final SyntheticSettings DEFAULTS = new SyntheticSettings(10, 24, 48, 128, 171, Container.MP4, 0.25, 2020);

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        int available = MotionPattern.values().length;
        if (classes < 2 || classes > available) {
            p.add("Classes is " + classes + ": use 2 to " + available + " (there are " + available + " motion patterns).");
        }
        if (videosPerClass < 2 || videosPerClass > 10_000) {
            p.add("Videos per class is " + videosPerClass + ": use 2 to 10000 (each class needs a train and a test video).");
        }
        if (frames < 2 || frames > 10_000) {
            p.add("Frames per video is " + frames + ": use 2 to 10000 (motion needs at least 2; clips use 16).");
        }
        if (height < 16 || width < 16 || height > 2048 || width > 2048) {
            p.add("Frame size " + height + "x" + width + " is out of range: use 16 to 2048 pixels per side (default 128x171).");
        }
        if (container == null) {
            p.add("Container is missing: use MP4 (H.264) or AVI (MPEG-4).");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            p.add("Test fraction is " + testFraction + ": use a value between 0 and 1 exclusive (default 0.25).");
        }
        if (!(motionSpeed >= 0.25 && motionSpeed <= 8)) {
            p.add("Motion speed is " + motionSpeed + ": use 0.25 to 8 (default 1; 2 moves objects twice as fast).");
        }
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public SyntheticSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }

    public SyntheticSettings withSeed(long newSeed) {
        return new SyntheticSettings(classes, videosPerClass, frames, height, width, container, testFraction, newSeed,
                motionSpeed);
    }

    public SyntheticSettings withMotionSpeed(double newMotionSpeed) {
        return new SyntheticSettings(classes, videosPerClass, frames, height, width, container, testFraction, seed,
                newMotionSpeed);
    }
}
