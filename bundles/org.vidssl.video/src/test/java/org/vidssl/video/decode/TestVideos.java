package org.vidssl.video.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.vidssl.video.FFmpegSupport;

/** Writes real test videos with FFmpeg: frame i has a known colour on its left half and mid grey on its right half. */
final class TestVideos {

    /** Container + codec combinations the bundled FFmpeg can encode. */
    enum Format {
        MP4_H264("mp4", "mp4", AV_CODEC_ID_H264),
        AVI_MPEG4("avi", "avi", AV_CODEC_ID_MPEG4),
        MKV_H264("matroska", "mkv", AV_CODEC_ID_H264),
        WEBM_VP8("webm", "webm", AV_CODEC_ID_VP8),
        WEBM_VP9("webm", "webm", AV_CODEC_ID_VP9);

        final String format;
        final String extension;
        final int codec;

        Format(String format, String extension, int codec) {
            this.format = format;
            this.extension = extension;
            this.codec = codec;
        }
    }

    static final int GREY = 128;

    private TestVideos() {}

    /** BGR colour of the left half of frame {@code index}: large steps so each frame is recognisable. */
    static int[] colour(int index) {
        return new int[] {(40 + index * 37) % 256, (200 + index * 53) % 256, (90 + index * 71) % 256};
    }

    static Path write(Path folder, String name, Format format, int frames, int width, int height) throws Exception {
        FFmpegSupport.init();
        Path file = folder.resolve(name + "." + format.extension);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
                Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3)) {
            recorder.setFormat(format.format);
            recorder.setVideoCodec(format.codec);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setVideoBitrate(2_000_000);
            recorder.start();
            ByteBuffer buffer = (ByteBuffer) frame.image[0];
            for (int i = 0; i < frames; i++) {
                int[] c = colour(i);
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int offset = y * frame.imageStride + x * 3;
                        for (int ch = 0; ch < 3; ch++) {
                            buffer.put(offset + ch, (byte) (x < width / 2 ? c[ch] : GREY));
                        }
                    }
                }
                recorder.record(frame, AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
        return file;
    }

    /**
     * A smooth grey texture (a few sine waves of unrelated frequencies and directions) moving {@code dx}
     * pixels right and {@code dy} down per frame: frame k shows the texture shifted by (k dx, k dy).
     */
    static Path writeTranslating(Path folder, String name, int frames, int width, int height, int dx, int dy)
            throws Exception {
        FFmpegSupport.init();
        Path file = folder.resolve(name + ".mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
                Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setVideoBitrate(4_000_000);
            recorder.start();
            ByteBuffer buffer = (ByteBuffer) frame.image[0];
            for (int k = 0; k < frames; k++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int value = texture(x - k * dx, y - k * dy);
                        int offset = y * frame.imageStride + x * 3;
                        for (int ch = 0; ch < 3; ch++) {
                            buffer.put(offset + ch, (byte) value);
                        }
                    }
                }
                recorder.record(frame, AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
        return file;
    }

    private static int texture(double x, double y) {
        double t = 128
                + 45 * Math.sin(0.31 * x + 0.17 * y)
                + 35 * Math.sin(0.13 * x - 0.29 * y + 1)
                + 25 * Math.sin(0.47 * x + 0.07 * y + 2)
                + 20 * Math.sin(-0.11 * x + 0.41 * y + 3);
        return (int) Math.max(0, Math.min(255, Math.round(t)));
    }
}
