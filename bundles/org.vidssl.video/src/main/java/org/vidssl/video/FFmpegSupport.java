package org.vidssl.video;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;

/** Small FFmpeg helpers shared by decoding, probing and the synthetic dataset. */
public final class FFmpegSupport {

    private static volatile boolean initialised;

    private FFmpegSupport() {}

    /**
     * Points JavaCPP's cache at this bundle's data area ({@link VideoNatives}) and silences FFmpeg's own console
     * logging (corrupt inputs would flood the console; we report failures ourselves). Idempotent; the log level is
     * process-wide in FFmpeg.
     */
    public static void init() {
        if (!initialised) {
            synchronized (FFmpegSupport.class) {
                if (!initialised) {
                    VideoNatives.prepare();
                    av_log_set_level(AV_LOG_QUIET);
                    initialised = true;
                }
            }
        }
    }

    /** The first video stream of an opened container, or null when there is none. */
    public static AVStream videoStream(AVFormatContext context) {
        if (context == null) {
            return null;
        }
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                return stream;
            }
        }
        return null;
    }
}
