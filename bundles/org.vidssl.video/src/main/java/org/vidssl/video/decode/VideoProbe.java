package org.vidssl.video.decode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.vidssl.video.FFmpegSupport;

/** Reads a video file's size, frame rate and frame count (for dataset tables). */
public final class VideoProbe {

    /**
     * @param width          stored frame width (pixels as coded, not stretched to the display aspect ratio)
     * @param height         stored frame height
     * @param frameRate      frames per second as the container states it
     * @param declaredFrames frame count stored in the container header (AVI, MP4), -1 when the container
     *                       has none (MKV, WebM); an estimate from the duration is not used
     * @param codec          decoder name, e.g. {@code mpeg4} or {@code h264}
     */
    public record VideoInfo(int width, int height, double frameRate, int declaredFrames, String codec) {}

    private VideoProbe() {}

    /** Opens the container and reads its header; decodes nothing. */
    public static VideoInfo probe(Path file) throws IOException {
        FFmpegSupport.init();
        requireFile(file);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            AVStream stream = FFmpegSupport.videoStream(grabber.getFormatContext());
            if (stream == null) {
                throw new IOException("Video " + file + " has no video stream.");
            }
            long declared = stream.nb_frames();
            // the stored size: the grabber's own size is stretched by the sample aspect ratio
            return new VideoInfo(
                    stream.codecpar().width(),
                    stream.codecpar().height(),
                    grabber.getFrameRate(),
                    declared > 0 && declared <= Integer.MAX_VALUE ? (int) declared : -1,
                    grabber.getVideoCodecName());
        } catch (FrameGrabber.Exception e) {
            throw new IOException(
                    "Cannot open video " + file + ": " + e.getMessage()
                            + ". Check that it is a complete video file (AVI, MP4, MKV, WebM).",
                    e);
        }
    }

    /** Decodes every frame (without converting pixels) and counts them: exact, and as slow as decoding. */
    public static int countFrames(Path file) throws IOException {
        FFmpegSupport.init();
        requireFile(file);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setVideoOption("threads", "1");
            grabber.start();
            int frames = 0;
            Frame frame;
            while ((frame = grabber.grabFrame(false, true, false, false)) != null) {
                if (frame.image != null) {
                    frames++;
                }
            }
            return frames;
        } catch (FrameGrabber.Exception e) {
            throw new IOException("Cannot decode video " + file + ": " + e.getMessage(), e);
        }
    }

    /** The header's frame count when the container stores one, otherwise the decoded count. */
    public static int frameCount(Path file) throws IOException {
        int declared = probe(file).declaredFrames();
        return declared > 0 ? declared : countFrames(file);
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Video file " + file + " does not exist or is not a file.");
        }
    }
}
