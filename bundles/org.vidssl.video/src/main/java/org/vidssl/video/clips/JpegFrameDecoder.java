package org.vidssl.video.clips;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vidssl.video.VideoNatives;

/**
 * Decodes JPEG frames with OpenCV (libjpeg-turbo) into a reused native image, resizes them when
 * they are not yet the clip's frame size, and hands them to a {@link ClipCanvas}. One instance
 * serves one thread for one call; {@link #close()} frees its native memory.
 */
final class JpegFrameDecoder implements AutoCloseable {

    static {
        VideoNatives.prepare(); // before the first OpenCV class loads its natives
    }

    // EXIF orientation is ignored, as PIL and the reference's accimage ignore it
    private static final int COLOUR = IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION;
    private static final int GREY = IMREAD_GRAYSCALE | IMREAD_IGNORE_ORIENTATION;

    private final FrameResizer resizer;
    private BytePointer fileBytes = new BytePointer(64 * 1024L);
    private final Mat decoded = new Mat();

    JpegFrameDecoder(int height, int width) {
        this.resizer = new FrameResizer(height, width);
    }

    /** Decodes a colour frame and writes it at clip position {@code t}. */
    void putColour(String video, Path file, ClipCanvas canvas, int t) {
        Mat frame = resizer.resize(decode(video, file, COLOUR));
        canvas.putBgr(t, buffer(frame), frame.step());
    }

    /** Decodes a grey (flow) frame and writes it, replicated to three channels, at {@code t}. */
    void putGrey(String video, Path file, ClipCanvas canvas, int t, boolean negateOnFlip) {
        Mat frame = resizer.resize(decode(video, file, GREY));
        canvas.putGrey(t, buffer(frame), frame.step(), negateOnFlip);
    }

    private Mat decode(String video, Path file, int flags) {
        int length = read(video, file);
        try (Mat encoded = new Mat(1, length, CV_8UC1, fileBytes);
                Mat result = imdecode(encoded, flags, decoded)) {
            if (result.empty() || decoded.empty()) {
                throw new ClipReadException("Video " + video + ": frame " + file
                        + " is not a readable JPEG image. Extract the frames of this video again.");
            }
        }
        return decoded;
    }

    /** Reads the file into native memory (no copy through the Java heap); returns its length. */
    private int read(String video, Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size == 0 || size > Integer.MAX_VALUE) {
                throw new ClipReadException("Video " + video + ": frame " + file + " is " + size
                        + " bytes long, not a JPEG image. Extract the frames of this video again.");
            }
            if (size > fileBytes.capacity()) {
                fileBytes.close();
                fileBytes = new BytePointer(Math.max(size, 2 * fileBytes.capacity()));
            }
            ByteBuffer target = fileBytes.position(0).limit(size).asByteBuffer();
            while (target.hasRemaining()) {
                if (channel.read(target) < 0) {
                    throw new ClipReadException("Video " + video + ": frame " + file + " shrank while it was read.");
                }
            }
            return (int) size;
        } catch (NoSuchFileException e) {
            throw new ClipReadException(
                    "Video " + video + ": frame file " + file
                            + " is missing. Extract the frames of this video again or remove it from the list.",
                    e);
        } catch (IOException e) {
            throw new ClipReadException("Video " + video + ": cannot read frame " + file + ": " + e.getMessage(), e);
        }
    }

    static ByteBuffer buffer(Mat frame) {
        return frame.data().capacity(frame.step() * frame.rows()).asByteBuffer();
    }

    @Override
    public void close() {
        decoded.close();
        fileBytes.close();
        resizer.close();
    }
}
