package org.vidssl.video.clips;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vidssl.core.clip.ClipPlan;
import org.vidssl.video.FFmpegSupport;

/**
 * Reads clips straight from a video file: seek to the clip's first frame, then decode on in order,
 * so only the frames a clip needs (plus those between the key frame and the start) are decoded.
 * One instance owns one FFmpeg grabber for one call on one thread; {@link #close()} releases it.
 */
final class VideoFileReader implements AutoCloseable {

    static {
        // JavaCV prints the container layout of every file it opens, once per clip here; errors
        // reach the user as ClipReadException instead
        FFmpegSupport.init();
    }

    private final String video;
    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final FrameResizer resizer;

    VideoFileReader(String video, Path file, int height, int width) {
        this.video = video;
        this.file = file;
        this.resizer = new FrameResizer(height, width);
        this.grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(AV_PIX_FMT_BGR24);
        // clips are decoded in parallel by the caller's pool: one decoder thread each
        grabber.setVideoOption("threads", "1");
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly();
            throw new ClipReadException(
                    "Video " + video + ": cannot open " + file + " as a video (" + e.getMessage()
                            + "). Check that the file is a complete video, or extract its frames.",
                    e);
        }
        if (grabber.getVideoCodec() == 0 && grabber.getImageWidth() <= 0) {
            closeQuietly();
            throw new ClipReadException("Video " + video + ": " + file + " has no video stream.");
        }
    }

    /**
     * Counts the frames exactly by reading (not decoding) every packet of the video stream; the
     * container's duration-based estimate is often off by a frame or two.
     */
    int countFrames() {
        AVFormatContext context = grabber.getFormatContext();
        int stream = -1;
        for (int i = 0; i < context.nb_streams(); i++) {
            if (context.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                stream = i;
                break;
            }
        }
        int frames = 0;
        AVPacket packet = av_packet_alloc();
        try {
            while (av_read_frame(context, packet) >= 0) {
                if (packet.stream_index() == stream) {
                    frames++;
                }
                av_packet_unref(packet);
            }
        } finally {
            av_packet_free(packet);
        }
        return frames;
    }

    /**
     * Decodes frames {@code plan.firstFrame() .. plan.lastFrame()} once, in order, writing each to
     * every clip position that uses it (several when the clip loops). Returns the number of the
     * frame after the last one decoded, or a smaller number when the file ended early.
     */
    int read(ClipPlan plan, ClipCanvas canvas, Runnable onShortFile) {
        int first = plan.firstFrame();
        int last = plan.lastFrame();
        try {
            grabber.setVideoFrameNumber(first);
            int lastDecoded = -1;
            for (int f = first; f <= last; f++) {
                Frame frame = grabber.grabImage();
                if (frame == null || frame.image == null) {
                    break;
                }
                lastDecoded = f;
                put(frame, plan, f, canvas);
            }
            if (lastDecoded < last) {
                if (lastDecoded < 0) {
                    throw new ClipReadException(
                            "Video " + video + ": " + file + " has no decodable frame at or after frame " + first
                                    + ". The file may be truncated: decode it again or extract its frames.");
                }
                // the packet count promised more frames than the decoder gives: repeat the last one
                onShortFile.run();
                repeatLast(plan, lastDecoded, canvas);
            }
            return lastDecoded + 1;
        } catch (FrameGrabber.Exception e) {
            throw new ClipReadException(
                    "Video " + video + ": decoding " + file + " failed near frame " + first + ": " + e.getMessage(), e);
        }
    }

    private void put(Frame frame, ClipPlan plan, int f, ClipCanvas canvas) {
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        try (BytePointer data = new BytePointer(pixels);
                Mat decoded = new Mat(frame.imageHeight, frame.imageWidth, CV_8UC3, data, frame.imageStride)) {
            Mat sized = resizer.resize(decoded);
            ByteBuffer buffer = sized == decoded ? pixels : JpegFrameDecoder.buffer(sized);
            long stride = sized == decoded ? frame.imageStride : sized.step();
            for (int t = 0; t < plan.length(); t++) {
                if (plan.frame(t) == f) {
                    canvas.putBgr(t, buffer, stride);
                }
            }
        }
    }

    /** Fills the positions past the end of a short file with the last frame it gave. */
    private static void repeatLast(ClipPlan plan, int lastDecoded, ClipCanvas canvas) {
        int source = -1;
        for (int t = 0; t < plan.length(); t++) {
            if (plan.frame(t) == lastDecoded) {
                source = t;
            }
        }
        for (int t = 0; t < plan.length(); t++) {
            if (plan.frame(t) > lastDecoded) {
                canvas.copyPosition(source, t);
            }
        }
    }

    private void closeQuietly() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // already failing: the first error is the one to report
        }
        resizer.close();
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new ClipReadException("Video " + video + ": closing " + file + " failed: " + e.getMessage(), e);
        } finally {
            resizer.close();
        }
    }
}
