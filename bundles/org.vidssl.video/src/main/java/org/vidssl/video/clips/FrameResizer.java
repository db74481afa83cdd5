package org.vidssl.video.clips;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.vidssl.video.VideoNatives;

/**
 * Brings frames to the clip's frame size (ClipSettings resizeHeight x resizeWidth) and leaves
 * frames of that size untouched. Shrinking uses area averaging, the closest OpenCV filter to the
 * antialiased bilinear resize of PIL that the reference uses; enlarging uses bilinear.
 */
final class FrameResizer implements AutoCloseable {

    static {
        VideoNatives.prepare(); // before the first OpenCV class loads its natives
    }

    private final int height;
    private final int width;
    private final Size size;
    private final Mat resized = new Mat();

    FrameResizer(int height, int width) {
        this.height = height;
        this.width = width;
        this.size = new Size(width, height);
    }

    /** The frame itself when it already has the size, otherwise a resized copy (valid until the next call). */
    Mat resize(Mat frame) {
        if (frame.rows() == height && frame.cols() == width) {
            return frame;
        }
        boolean shrinking = frame.rows() >= height && frame.cols() >= width;
        org.bytedeco.opencv.global.opencv_imgproc.resize(
                frame, resized, size, 0, 0, shrinking ? INTER_AREA : INTER_LINEAR);
        return resized;
    }

    @Override
    public void close() {
        resized.close();
        size.close();
    }
}
