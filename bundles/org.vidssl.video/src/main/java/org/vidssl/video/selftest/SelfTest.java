package org.vidssl.video.selftest;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.vidssl.video.VideoNatives;
import org.vidssl.video.flow.FlowMethod;
import org.vidssl.video.flow.OpticalFlow;

/**
 * Smoke test of the embedded FFmpeg and OpenCV natives, callable from outside the bundle (the OSGi integration
 * test): writes a small H.264 MP4, decodes it again, round-trips one frame through OpenCV's JPEG codec, and
 * computes TV-L1 and Farneback optical flow (OpenCV's optflow and video modules) of a moving square.
 */
public final class SelfTest {

    private SelfTest() {}

    /**
     * Encodes {@code frames} frames of a moving bright square (64x48, 25 fps) to {@code file}, then decodes them.
     *
     * @return a one-line report with the number of decoded frames, their size and the JPEG round-trip size
     * @throws IllegalStateException when the decoded video or the JPEG round trip does not match what was written
     */
    public static String encodeDecode(Path file, int frames) throws Exception {
        VideoNatives.prepare();
        int width = 64;
        int height = 48;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                recorder.record(squareFrame(width, height, 4 + 2 * i), avutil.AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
        int decoded = 0;
        int decodedWidth;
        int decodedHeight;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            decodedWidth = grabber.getImageWidth();
            decodedHeight = grabber.getImageHeight();
            while (grabber.grabImage() != null) {
                decoded++;
            }
            grabber.stop();
        }
        if (decoded != frames || decodedWidth != width || decodedHeight != height) {
            throw new IllegalStateException("Wrote " + frames + " frames of " + width + "x" + height + " to " + file
                    + " but decoded " + decoded + " frames of " + decodedWidth + "x" + decodedHeight);
        }
        int jpegBytes = jpegRoundTrip(width, height);
        return "decoded " + decoded + " frames of " + decodedWidth + "x" + decodedHeight + ", JPEG " + jpegBytes
                + " bytes, square moving 2 px right: u " + flowOfMovingSquare(FlowMethod.TVL1) + " (TV-L1), "
                + flowOfMovingSquare(FlowMethod.FARNEBACK) + " (Farneback)";
    }

    private static Frame squareFrame(int width, int height, int left) {
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        for (int y = 16; y < 32; y++) {
            for (int x = left; x < Math.min(width, left + 16); x++) {
                for (int c = 0; c < 3; c++) {
                    pixels.put(y * stride + 3 * x + c, (byte) 255);
                }
            }
        }
        return frame;
    }

    /** Mean horizontal flow, in pixels, over a 16x16 square that moves 2 pixels right on a dark 64x48 frame. */
    private static String flowOfMovingSquare(FlowMethod method) {
        try (Mat first = new Mat(48, 64, opencv_core.CV_8UC1, new Scalar(30));
                Mat second = new Mat(48, 64, opencv_core.CV_8UC1, new Scalar(30));
                Mat u = new Mat();
                Mat v = new Mat();
                OpticalFlow flow = new OpticalFlow(method)) {
            try (Mat a = first.apply(new Rect(20, 16, 16, 16));
                    Mat b = second.apply(new Rect(22, 16, 16, 16))) {
                a.put(new Scalar(220));
                b.put(new Scalar(220));
            }
            flow.compute(first, second, u, v);
            double mean;
            try (Mat square = u.apply(new Rect(22, 18, 12, 12))) {
                mean = OpticalFlow.dequantise(opencv_core.mean(square).get(0));
            }
            if (!(mean > 0.5)) {
                throw new IllegalStateException(
                        method.id() + " flow of a square moving right is " + mean + " pixels, not rightwards");
            }
            return String.format(java.util.Locale.ROOT, "%.1f px", mean);
        }
    }

    private static int jpegRoundTrip(int width, int height) {
        try (Mat image = new Mat(height, width, opencv_core.CV_8UC3);
                BytePointer jpeg = new BytePointer()) {
            image.put(new Scalar(40, 120, 200, 0));
            if (!opencv_imgcodecs.imencode(".jpg", image, jpeg)) {
                throw new IllegalStateException("OpenCV could not encode a JPEG");
            }
            try (Mat back = opencv_imgcodecs.imdecode(new Mat(jpeg), opencv_imgcodecs.IMREAD_COLOR)) {
                if (back.cols() != width || back.rows() != height) {
                    throw new IllegalStateException("OpenCV JPEG round trip gave " + back.cols() + "x" + back.rows());
                }
            }
            return (int) jpeg.limit();
        }
    }
}
