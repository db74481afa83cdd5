package org.vidssl.cli.bench;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.io.file.PathUtils;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.clips.FlowFolders;
import org.vidssl.video.decode.FrameExtractor;

/**
 * Training-clip loading speed, the figure docs/benchmarks.md compares with the reference (130 clips/s
 * RGB, 49 clips/s with u+v flow, one core): 16 frames of 128x171 JPEG -> random 112 crop -> float
 * C x T x H x W. Also clips read straight from video files (320x240, resized to 128x171).
 * <p>
 * Run: {@code vidssl bench --only loading}, or
 * {@code java -cp <classpath> org.vidssl.cli.bench.ClipLoadingBenchmark [videos] [seconds]}.
 * Writes its data set to a temporary folder and deletes it afterwards.
 */
public final class ClipLoadingBenchmark {

    private static final int FRAMES = 100;

    /** One measured figure: clips per wall-clock second and per CPU-second of the process. */
    public record Figure(String what, int threads, double clipsPerSecond, double clipsPerCpuSecond) {

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-36s %d thread%s: %7.1f clips/s  (%5.1f clips per CPU-second)",
                    what,
                    threads,
                    threads == 1 ? " " : "s",
                    clipsPerSecond,
                    clipsPerCpuSecond);
        }
    }

    public static void main(String[] args) throws Exception {
        int videos = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 6;
        run(videos, seconds, new int[] {1, 2}, true, System.out::println);
    }

    /**
     * Writes {@code videos} test videos (frame folders with u/v flow, MP4 and AVI files) to a temporary folder,
     * measures each source for {@code seconds} per thread count, deletes the folder.
     *
     * @param withFiles also measure decoding straight from MP4 and AVI files
     * @param log       receives the header lines and each figure as it is measured
     */
    public static List<Figure> run(
            int videos, double seconds, int[] threadCounts, boolean withFiles, java.util.function.Consumer<String> log)
            throws Exception {
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(
                org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR); // no encoder chatter
        Path root = Files.createTempDirectory("clip-benchmark");
        List<Figure> figures = new ArrayList<>();
        try {
            log.accept(String.format(
                    Locale.ROOT,
                    "Clip loading benchmark: %d videos x %d frames, %d cores, Java %s",
                    videos,
                    FRAMES,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version")));
            List<VideoEntry> folders = new ArrayList<>();
            List<VideoEntry> mp4 = new ArrayList<>();
            List<VideoEntry> avi = new ArrayList<>();
            for (int v = 0; v < videos; v++) {
                String id = "v_Bench_g" + v;
                folders.add(new VideoEntry(
                        id, "Bench", 0, Split.TRAIN, writeFrames(root.resolve("jpegs/" + id), v, 128, 171, false), -1));
                writeFrames(root.resolve("flow/u/" + id), v, 128, 171, true);
                writeFrames(root.resolve("flow/v/" + id), v + 1000, 128, 171, true);
                if (withFiles) {
                    mp4.add(new VideoEntry(
                            id, "Bench", 0, Split.TRAIN, writeVideo(root.resolve("mp4/" + id + ".mp4"), v, true), -1));
                    avi.add(new VideoEntry(
                            id, "Bench", 0, Split.TRAIN, writeVideo(root.resolve("avi/" + id + ".avi"), v, false), -1));
                }
            }
            long jpegBytes = Files.size(root.resolve("jpegs/v_Bench_g0/" + FrameExtractor.frameFileName(1)));
            log.accept(String.format(
                    Locale.ROOT, "frame JPEG ~%d bytes (quality 95, 4:2:0), videos 320x240 at 25 fps", jpegBytes));
            log.accept(String.format(
                    Locale.ROOT,
                    "load average before: %.1f (clips per CPU-second is the figure that survives a shared machine)",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage()));
            ClipSettings settings = ClipSettings.DEFAULTS;
            FlowFolders flow = FlowFolders.under(root.resolve("flow"));
            for (int threads : threadCounts) {
                figures.add(log(
                        log,
                        measure("frame folders, RGB", ClipSources.open(folders, settings, null), threads, seconds)));
                figures.add(log(
                        log,
                        measure(
                                "frame folders, RGB + u + v flow",
                                ClipSources.open(folders, settings, flow),
                                threads,
                                seconds)));
                if (withFiles) {
                    figures.add(log(
                            log,
                            measure(
                                    "MP4 H.264 320x240 files, RGB",
                                    ClipSources.open(mp4, settings, null),
                                    threads,
                                    seconds)));
                    figures.add(log(
                            log,
                            measure(
                                    "AVI MPEG-4 320x240 files, RGB",
                                    ClipSources.open(avi, settings, null),
                                    threads,
                                    seconds)));
                }
            }
            log.accept(String.format(
                    Locale.ROOT,
                    "load average after: %.1f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage()));
        } finally {
            PathUtils.deleteDirectory(root);
        }
        return figures;
    }

    private static Figure log(java.util.function.Consumer<String> log, Figure f) {
        log.accept(f.toString());
        return f;
    }

    private static Figure measure(String what, ClipSource source, int threads, double seconds) throws Exception {
        try (source;
                ExecutorServiceCloser pool = new ExecutorServiceCloser(Executors.newFixedThreadPool(threads))) {
            run(source, pool.pool, threads, 0.3 * seconds, 0); // warm up: JIT, page cache, frame counts
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            int clips = run(source, pool.pool, threads, seconds, 1);
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            return new Figure(what, threads, clips / wall, clips / cpu);
        }
    }

    /** Each thread loads training clips of consecutive videos until the time is up. */
    private static int run(ClipSource source, ExecutorService pool, int threads, double seconds, int epoch)
            throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int first = w;
            workers.add(pool.submit(() -> {
                int done = 0;
                double checksum = 0;
                for (int i = first; System.nanoTime() < end; i += threads) {
                    Clip clip = source.trainClip(
                            i % source.videos().size(),
                            632,
                            epoch + i / source.videos().size());
                    checksum += clip.rgb()[clip.size() / 2];
                    done++;
                }
                return checksum >= 0 ? done : -1;
            }));
        }
        int total = 0;
        for (Future<Integer> f : workers) {
            total += f.get();
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Smooth moving blobs plus mild noise: JPEG sizes like real 128x171 frames. */
    private static byte[] picture(int video, int k, int height, int width, int channels) {
        SplittableRandom noise = new SplittableRandom(video * 100_003L + k);
        byte[] pixels = new byte[height * width * channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    double v = 128
                            + 60 * Math.sin((x + 2 * k + 13 * video) / (9.0 + c)) * Math.cos((y - k) / (11.0 + 2 * c))
                            + 30 * Math.sin((x * y) / 400.0 + c)
                            + noise.nextInt(-8, 9);
                    pixels[(y * width + x) * channels + c] = (byte) Math.max(0, Math.min(255, (int) v));
                }
            }
        }
        return pixels;
    }

    private static Path writeFrames(Path dir, int video, int height, int width, boolean grey) throws Exception {
        Files.createDirectories(dir);
        int channels = grey ? 1 : 3;
        for (int k = 0; k < FRAMES; k++) {
            try (Mat mat = new Mat(height, width, grey ? CV_8UC1 : CV_8UC3)) {
                mat.data().put(picture(video, k, height, width, channels));
                imwrite(dir.resolve(FrameExtractor.frameFileName(k + 1)).toString(), mat);
            }
        }
        return dir;
    }

    private static Path writeVideo(Path file, int video, boolean h264) throws Exception {
        Files.createDirectories(file.getParent());
        int width = 320;
        int height = 240;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            recorder.setFormat(h264 ? "mp4" : "avi");
            recorder.setVideoCodec(h264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setGopSize(12);
            recorder.setVideoBitrate(1_000_000);
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer buffer = (ByteBuffer) frame.image[0];
            for (int k = 0; k < FRAMES; k++) {
                byte[] bgr = picture(video, k, height, width, 3);
                for (int y = 0; y < height; y++) {
                    buffer.put(y * frame.imageStride, bgr, y * width * 3, width * 3);
                }
                recorder.record(frame, AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
        return file;
    }

    private record ExecutorServiceCloser(ExecutorService pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
