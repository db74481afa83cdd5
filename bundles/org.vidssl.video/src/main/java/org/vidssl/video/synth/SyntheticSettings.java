package org.vidssl.video.synth;

import java.util.List;
import org.vidssl.core.settings.Checks;
import org.vidssl.core.settings.Setting;
import org.vidssl.core.settings.Settings;

/**
 * Settings of the synthetic motion dataset: each class is a motion pattern, appearance is random and
 * independent of the class. Deterministic from {@link #seed()}.
 *
 * <p>Each setting is declared here once ({@link Setting}). The class count (bounded by the motion patterns) and the
 * frame size (both sides together) are checked by hand, so their declarations carry no range.
 */
public record SyntheticSettings(
        @Setting(label = "Classes", description = "Number of classes, the first motion patterns (2 to 15).")
        int classes,

        @Setting(
                label = "Videos per class",
                description = "Videos generated per class (at least 2: one train, one " + "test).",
                min = 2,
                max = 10_000,
                paper = false,
                note = "each class needs a train and a test video")
        int videosPerClass,

        @Setting(
                label = "Frames per video",
                description = "Frames per video (at least 2).",
                min = 2,
                max = 10_000,
                paper = false,
                note = "motion needs at least 2; clips use 16")
        int frames,

        @Setting(label = "Frame height", description = "Frame height (the paper's resize height is 128).")
        int height,

        @Setting(
                label = "Frame width",
                description = "Frame width. 4:2:0 video needs even sizes, so an odd size is "
                        + "stored with one more column or row copied from the edge (171 is stored as 172).")
        int width,

        @Setting(
                label = "Container",
                description = "File format: MP4 with H.264, or AVI with MPEG-4 part 2 (as " + "UCF101's XviD).")
        Container container,

        @Setting(
                label = "Test fraction",
                description = "Share of each class's videos put in testlist01.txt.",
                min = 0,
                minOpen = true,
                max = 1,
                maxOpen = true,
                paper = false)
        double testFraction,

        @Setting(label = "Seed", description = "Seed of every random choice (appearance, motion speed, split).")
        long seed,

        @Setting(
                label = "Motion speed",
                description = "How fast objects move, as a multiple of the default: 1 draws "
                        + "each video's speed from 0.6 to 1.2 pixels per frame per 32 pixels of the shorter frame"
                        + " side, 2 "
                        + "from 1.2 to 2.4. Faster motion lets networks trained from scratch on a few hundred videos"
                        + " learn the "
                        + "motion instead of memorising each video's appearance.",
                min = 0.25,
                max = 8,
                paper = false,
                note = "2 moves objects twice as fast")
        double motionSpeed) {

    /** The default motion speed (1). */
    public static final double DEFAULT_MOTION_SPEED = 1;

    /** Settings with the default motion speed. */
    public SyntheticSettings(
            int classes,
            int videosPerClass,
            int frames,
            int height,
            int width,
            Container container,
            double testFraction,
            long seed) {
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

    public static final SyntheticSettings DEFAULTS =
            new SyntheticSettings(10, 24, 48, 128, 171, Container.MP4, 0.25, 2020);

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = Settings.rangeProblems(this);
        int available = MotionPattern.values().length;
        if (classes < 2 || classes > available) {
            p.add("Classes is " + classes + ": use 2 to " + available + " (there are " + available
                    + " motion patterns).");
        }
        if (height < 16 || width < 16 || height > 2048 || width > 2048) {
            p.add("Frame size " + height + "x" + width
                    + " is out of range: use 16 to 2048 pixels per side (default 128x171).");
        }
        if (container == null) {
            p.add("Container is missing: use MP4 (H.264) or AVI (MPEG-4).");
        }
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public SyntheticSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }

    public SyntheticSettings withSeed(long newSeed) {
        return new SyntheticSettings(
                classes, videosPerClass, frames, height, width, container, testFraction, newSeed, motionSpeed);
    }

    public SyntheticSettings withMotionSpeed(double newMotionSpeed) {
        return new SyntheticSettings(
                classes, videosPerClass, frames, height, width, container, testFraction, seed, newMotionSpeed);
    }
}
