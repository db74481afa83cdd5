package org.vidssl.video.decode;

import java.util.List;
import org.vidssl.core.settings.Checks;
import org.vidssl.core.settings.Setting;
import org.vidssl.core.settings.Settings;
import org.vidssl.video.flow.FlowMethod;

/**
 * Settings of the Frame Extraction step: videos are decoded into folders of JPEG frames
 * ({@code <outputRoot>/<video_id>/frame000001.jpg ...}) resized to {@code height x width}.
 *
 * <p>Each setting is declared here once ({@link Setting}). Frame height and width are checked together (8 to 4096
 * pixels per side), so their declarations carry no range.
 */
public record FrameExtractionSettings(
        @Setting(label = "Frame height", description = "Frame height after resizing.")
        int height,

        @Setting(label = "Frame width", description = "Frame width after resizing.")
        int width,

        @Setting(
                label = "JPEG quality",
                description = "JPEG quality 1..100 (OpenCV's scale).",
                min = 1,
                max = 100,
                paper = false,
                note = "90 keeps files small with no visible loss")
        int jpegQuality,

        @Setting(
                label = "Threads",
                description = "Videos decoded at once; 0 = one per processor core.",
                min = 0,
                max = 256,
                paper = false,
                note = "0 = one per processor core")
        int threads,

        @Setting(
                label = "Optical flow",
                description =
                        "Optical flow written beside the frames as grey u and v " + "folders: none, tvl1 or farneback.")
        FlowMethod flow) {

    public static final FrameExtractionSettings DEFAULTS = new FrameExtractionSettings(128, 171, 90, 0);

    /** Settings without optical flow. */
    public FrameExtractionSettings(int height, int width, int jpegQuality, int threads) {
        this(height, width, jpegQuality, threads, FlowMethod.NONE);
    }

    /** These settings with another flow method. */
    public FrameExtractionSettings withFlow(FlowMethod method) {
        return new FrameExtractionSettings(height, width, jpegQuality, threads, method);
    }

    /** True when flow folders are written. */
    public boolean writesFlow() {
        return flow != FlowMethod.NONE;
    }

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = Settings.rangeProblems(this);
        if (height < 8 || width < 8 || height > 4096 || width > 4096) {
            p.add("Frame size " + height + "x" + width + " is out of range: use 8 to 4096 pixels per side (the paper "
                    + "uses 128x171).");
        }
        if (flow == null) {
            p.add("Flow method is not set: use none, tvl1 or farneback.");
        }
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public FrameExtractionSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }

    /** The thread count to use: {@link #threads()}, or the number of processor cores when it is 0. */
    public int effectiveThreads() {
        return Checks.effectiveThreads(threads);
    }
}
