package org.vidssl.video.flow;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_optflow.DualTVL1OpticalFlow;
import org.bytedeco.opencv.opencv_video.DenseOpticalFlow;
import org.bytedeco.opencv.opencv_video.FarnebackOpticalFlow;

/**
 * Dense optical flow between two grey frames, quantised to the 8-bit u and v images of the reference's
 * flow folders (the two-stream TV-L1 data the paper reads): each component is clipped to
 * {@code [-BOUND, BOUND]} pixels and mapped linearly to 0..255, {@code round(255 * (f + 20) / 40)}, so
 * zero motion is 128 (127.5 before rounding). u is horizontal (positive = rightwards), v vertical
 * (positive = downwards), both in pixels of the frames given. One instance serves one thread;
 * {@link #close()} frees its native memory.
 */
public final class OpticalFlow implements AutoCloseable {

    /** Flow magnitude, in pixels, that maps to 0 and 255. */
    public static final double BOUND = 20;

    private static final double SCALE = 255 / (2 * BOUND);
    private static final double OFFSET = 255 / 2.0;

    private final DenseOpticalFlow algorithm;
    private final Mat flow = new Mat();
    private final Mat component = new Mat();

    public OpticalFlow(FlowMethod method) {
        this.algorithm = switch (method) {
            case TVL1 -> DualTVL1OpticalFlow.create();
            // the parameters of OpenCV's Farneback tutorial (pyramid 0.5, 3 levels, window 15, 3 iterations,
            // polynomial 5 / 1.2), as the common preprocessing scripts call calcOpticalFlowFarneback
            case FARNEBACK -> FarnebackOpticalFlow.create(3, 0.5, false, 15, 3, 5, 1.2, 0);
            case NONE -> throw new IllegalArgumentException("Flow method none computes no flow.");
        };
    }

    /**
     * Computes the flow from {@code previous} to {@code next} (8-bit grey, same size) and writes its
     * quantised components into {@code u} and {@code v} (8-bit grey, allocated as needed).
     */
    public void compute(Mat previous, Mat next, Mat u, Mat v) {
        algorithm.calc(previous, next, flow);
        quantise(0, u);
        quantise(1, v);
    }

    private void quantise(int channel, Mat out) {
        extractChannel(flow, component, channel);
        // convertTo rounds to nearest and saturates, which is exactly the clip to [-BOUND, BOUND]
        component.convertTo(out, CV_8U, SCALE, OFFSET);
    }

    /** The flow, in pixels, that a quantised byte (or a mean of bytes) stands for. */
    public static double dequantise(double value) {
        return (value - OFFSET) / SCALE;
    }

    @Override
    public void close() {
        component.close();
        flow.close();
        algorithm.close();
    }
}
