package org.vidssl.cli.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.getNumThreads;
import static org.bytedeco.opencv.global.opencv_core.setNumThreads;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vidssl.video.flow.FlowMethod;
import org.vidssl.video.flow.OpticalFlow;

/**
 * Optical-flow speed per core at the paper's frame size (128x171 grey), for each method: flow frames
 * per CPU-second of the process for {@link OpticalFlow#compute} (flow and quantisation) with OpenCV limited
 * to one thread, so other load on the machine does not count, as it would in wall-clock time.
 * The frames are a smooth texture panning right with a square moving left through it, the same every run.
 * <p>
 * Run: {@code vidssl bench --only flow}, or {@code java -cp <classpath> org.vidssl.cli.bench.FlowBenchmark
 * [frames] [seconds] [folder]}: with a folder, the frames are also written there as {@code frame000001.png ...}
 * so another implementation can be timed on the same frames.
 */
public final class FlowBenchmark {

    public static final int HEIGHT = 128;
    public static final int WIDTH = 171;

    /** One figure: flow frames per CPU-second of one core, and per wall-clock second of the run. */
    public record Figure(FlowMethod method, int frames, double framesPerCpuSecond, double framesPerSecond) {

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-10s %d frames: %7.2f flow frames per CPU-second (%.1f ms each), %.2f per second",
                    method.id(),
                    frames,
                    framesPerCpuSecond,
                    1000 / framesPerCpuSecond,
                    framesPerSecond);
        }
    }

    private FlowBenchmark() {}

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        if (args.length > 2) {
            Path folder = Files.createDirectories(Path.of(args[2]));
            List<Mat> images = frames(frames);
            for (int i = 0; i < images.size(); i++) {
                imwrite(
                        folder.resolve(String.format(Locale.ROOT, "frame%06d.png", i + 1))
                                .toString(),
                        images.get(i));
            }
            images.forEach(Mat::close);
        }
        run(frames, seconds, System.out::println);
    }

    /**
     * Measures each method on {@code frames} frames (frames - 1 flow frames per pass), passes repeated until
     * {@code seconds} have gone by, after one warm-up flow frame; OpenCV's thread count is restored afterwards.
     */
    public static List<Figure> run(int frames, double seconds, Consumer<String> log) {
        if (frames < 2) {
            throw new IllegalArgumentException("The flow benchmark needs at least 2 frames, not " + frames + ".");
        }
        List<Mat> images = frames(frames);
        int threads = getNumThreads();
        List<Figure> figures = new ArrayList<>();
        try (Mat u = new Mat();
                Mat v = new Mat()) {
            setNumThreads(1);
            for (FlowMethod method : new FlowMethod[] {FlowMethod.TVL1, FlowMethod.FARNEBACK}) {
                try (OpticalFlow flow = new OpticalFlow(method)) {
                    flow.compute(images.get(0), images.get(1), u, v);
                    int done = 0;
                    long start = System.nanoTime();
                    long cpuStart = processCpuNanos();
                    long end = start + (long) (seconds * 1e9);
                    do {
                        for (int i = 1; i < frames; i++) {
                            flow.compute(images.get(i - 1), images.get(i), u, v);
                        }
                        done += frames - 1;
                    } while (System.nanoTime() < end);
                    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                    double wallSeconds = (System.nanoTime() - start) / 1e9;
                    Figure figure = new Figure(method, done, done / cpuSeconds, done / wallSeconds);
                    figures.add(figure);
                    log.accept(figure.toString());
                }
            }
        } finally {
            setNumThreads(threads);
            images.forEach(Mat::close);
        }
        return figures;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The benchmark's grey frames, 128x171. */
    public static List<Mat> frames(int count) {
        List<Mat> frames = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Mat frame = new Mat(HEIGHT, WIDTH, CV_8UC1);
            ByteBuffer pixels = frame.createBuffer();
            int step = (int) frame.step();
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    // the background pans 2 pixels right per frame, a 32-pixel square moves 3 pixels left through it
                    boolean square = y >= 48 && y < 80 && x >= 130 - 3 * k && x < 162 - 3 * k;
                    double t =
                            square ? 200 + 30 * Math.sin(0.5 * (x + 3 * k)) * Math.cos(0.4 * y) : texture(x - 2 * k, y);
                    pixels.put(y * step + x, (byte) Math.max(0, Math.min(255, Math.round(t))));
                }
            }
            frames.add(frame);
        }
        return frames;
    }

    private static double texture(double x, double y) {
        return 110
                + 45 * Math.sin(0.31 * x + 0.17 * y)
                + 35 * Math.sin(0.13 * x - 0.29 * y + 1)
                + 25 * Math.sin(0.47 * x + 0.07 * y + 2)
                + 20 * Math.sin(-0.11 * x + 0.41 * y + 3);
    }
}
