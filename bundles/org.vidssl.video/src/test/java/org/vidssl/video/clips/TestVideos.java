package org.vidssl.video.clips;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Real test videos whose pixels say where they come from. In frame {@code k} of an RGB video,
 * red = 4 x (column), green = 4 x (row), blue = 5 + 10 k (k < 25), so a decoded, cropped clip reveals its
 * crop offset and the source frame of every position. Flow frames: u = 4 x column + k,
 * v = 4 x row + k.
 */
final class TestVideos {

    private TestVideos() {}

    static int red(int k, int y, int x) {
        return 4 * x;
    }

    static int green(int k, int y, int x) {
        return 4 * y;
    }

    static int blue(int k, int y, int x) {
        return 5 + 10 * k;
    }

    static int flowU(int k, int y, int x) {
        return 4 * x + k;
    }

    static int flowV(int k, int y, int x) {
        return 4 * y + k;
    }

    /** BGR bytes of RGB frame {@code k}, {@code scale} pixels per pattern pixel. */
    static byte[] rgbFrame(int k, int height, int width, int scale) {
        byte[] bgr = new byte[height * width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                bgr[i] = (byte) blue(k, y / scale, x / scale);
                bgr[i + 1] = (byte) green(k, y / scale, x / scale);
                bgr[i + 2] = (byte) red(k, y / scale, x / scale);
            }
        }
        return bgr;
    }

    /** A folder frame000001.jpg ... of {@code frames} RGB frames, near-lossless JPEG. */
    static Path rgbFolder(Path dir, int frames, int height, int width) {
        return rgbFolder(dir, frames, height, width, 1);
    }

    static Path rgbFolder(Path dir, int frames, int height, int width, int scale) {
        mkdirs(dir);
        for (int k = 0; k < frames; k++) {
            writeJpeg(dir.resolve(frameName(k)), rgbFrame(k, height, width, scale), height, width, CV_8UC3);
        }
        return dir;
    }

    /** A grey flow folder; {@code vertical} picks the v pattern. */
    static Path flowFolder(Path dir, int frames, int height, int width, boolean vertical) {
        mkdirs(dir);
        for (int k = 0; k < frames; k++) {
            byte[] grey = new byte[height * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    grey[y * width + x] = (byte) (vertical ? flowV(k, y, x) : flowU(k, y, x));
                }
            }
            writeJpeg(dir.resolve(frameName(k)), grey, height, width, CV_8UC1);
        }
        return dir;
    }

    static String frameName(int k) {
        return String.format("frame%06d.jpg", k + 1);
    }

    private static void writeJpeg(Path file, byte[] pixels, int height, int width, int type) {
        try (Mat mat = new Mat(height, width, type)) {
            mat.data().put(pixels);
            int[] params = {IMWRITE_JPEG_QUALITY, 100, IMWRITE_JPEG_SAMPLING_FACTOR, IMWRITE_JPEG_SAMPLING_FACTOR_444};
            if (!imwrite(file.toString(), mat, params)) {
                throw new IllegalStateException("OpenCV could not write " + file);
            }
        }
    }

    enum Container {
        MP4_H264,
        AVI_MPEG4
    }

    /** A real video file with the RGB pattern, at high quality. */
    static Path videoFile(Path file, Container container, int frames, int height, int width) throws IOException {
        mkdirs(file.getParent());
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            recorder.setFrameRate(25);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setGopSize(6); // several key frames, so seeking is exercised
            if (container == Container.MP4_H264) {
                recorder.setFormat("mp4");
                recorder.setVideoCodec(AV_CODEC_ID_H264);
                recorder.setVideoBitrate(4_000_000); // the H.264 encoder here is OpenH264: rate, not crf
            } else {
                recorder.setFormat("avi");
                recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
                recorder.setVideoQuality(1);
            }
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer buffer = (ByteBuffer) frame.image[0];
            for (int k = 0; k < frames; k++) {
                byte[] bgr = rgbFrame(k, height, width, 1);
                for (int y = 0; y < height; y++) {
                    buffer.put(y * frame.imageStride, bgr, y * width * 3, width * 3);
                }
                recorder.record(frame, AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
        return file;
    }

    /** Every frame of a video decoded in order, without seeking: packed BGR rows. */
    static List<byte[]> decodeAll(Path file) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(AV_PIX_FMT_BGR24);
            grabber.start();
            for (Frame frame; (frame = grabber.grabImage()) != null; ) {
                ByteBuffer buffer = (ByteBuffer) frame.image[0];
                int rowBytes = frame.imageWidth * 3;
                byte[] bgr = new byte[frame.imageHeight * rowBytes];
                for (int y = 0; y < frame.imageHeight; y++) {
                    buffer.get(y * frame.imageStride, bgr, y * rowBytes, rowBytes);
                }
                frames.add(bgr);
            }
            grabber.stop();
        }
        return frames;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
