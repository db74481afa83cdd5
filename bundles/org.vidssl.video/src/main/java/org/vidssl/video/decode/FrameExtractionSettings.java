package org.vidssl.video.decode;

import java.util.ArrayList;
import java.util.List;

import org.vidssl.core.settings.Checks;
import org.vidssl.video.flow.FlowMethod;

/**
 * Settings of the Frame Extraction step: videos are decoded into folders of JPEG frames
 * ({@code <outputRoot>/<video_id>/frame000001.jpg ...}) resized to {@code height x width}.
 *
 * @param height      frame height after resizing, reference 128
 * @param width       frame width after resizing, reference 171
 * @param jpegQuality JPEG quality 1..100 (OpenCV's scale), default 90
 * @param threads     videos decoded at once; 0 = one per processor core
 * @param flow        optical flow written beside the frames as grey u and v folders, default none
 */
public record FrameExtractionSettings(int height, int width, int jpegQuality, int threads, FlowMethod flow) {

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
        List<String> p = new ArrayList<>();
        if (height < 8 || width < 8 || height > 4096 || width > 4096) {
            p.add("Frame size " + height + "x" + width + " is out of range: use 8 to 4096 pixels per side (the paper uses 128x171).");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            p.add("JPEG quality is " + jpegQuality + ": use 1 to 100 (90 keeps files small with no visible loss).");
        }
        if (threads < 0 || threads > 256) {
            p.add("Threads is " + threads + ": use 1 to 256, or 0 for one per processor core.");
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
