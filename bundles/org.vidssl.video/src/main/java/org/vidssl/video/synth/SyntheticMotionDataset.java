package org.vidssl.video.synth;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.io.FileUtils;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.video.FFmpegSupport;

/**
 * The synthetic motion dataset: classes are motion patterns ({@link MotionPattern}), appearance is random
 * and independent of the class, so motion must be learned. Written UCF101-style as real video files
 * {@code <root>/<Class>/v_<Class>_gXX_cYY.mp4} plus {@code classInd.txt}, {@code trainlist01.txt} (with 1-based
 * labels) and {@code testlist01.txt} (without), so it goes through the same code path as UCF101.
 * Deterministic from the seed: the same settings give the same split files and the same pixels.
 */
public final class SyntheticMotionDataset {

    /** File in the dataset root recording the settings it was generated with. */
    public static final String SETTINGS_FILE = "synthetic.properties";

    /** Clips per group in the names, as UCF101's 4 to 7 clips per group. */
    private static final int CLIPS_PER_GROUP = 4;

    private static final int FRAME_RATE = 25;

    private SyntheticMotionDataset() {}

    /** The class names, index = 0-based class index. */
    public static List<String> classNames(SyntheticSettings settings) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < settings.validate().classes(); i++) {
            names.add(MotionPattern.values()[i].className());
        }
        return names;
    }

    /** UCF101-style id of video {@code videoIndex} (0-based) of a class, e.g. {@code v_MoveRight_g01_c02}. */
    public static String videoId(String className, int videoIndex) {
        return String.format(
                java.util.Locale.ROOT,
                "v_%s_g%02d_c%02d",
                className,
                videoIndex / CLIPS_PER_GROUP + 1,
                videoIndex % CLIPS_PER_GROUP + 1);
    }

    /**
     * The frames of one video as rendered (before encoding): BGR bytes, row-major, height x width x 3 each.
     * Useful for tests and for in-memory pipelines.
     */
    public static List<byte[]> renderFrames(SyntheticSettings settings, int classIndex, int videoIndex) {
        MotionRenderer renderer = renderer(settings.validate(), classIndex, videoIndex);
        List<byte[]> frames = new ArrayList<>(settings.frames());
        for (int t = 0; t < settings.frames(); t++) {
            frames.add(renderer.frame(t));
        }
        return frames;
    }

    /**
     * Generates the dataset into {@code outputRoot}, which must not exist or be empty. When it already holds a
     * dataset generated with the same settings, that one is returned unchanged. Videos are written in parallel
     * into a temporary folder beside {@code outputRoot} that is renamed when everything is written.
     *
     * @return the dataset root ({@code outputRoot})
     * @throws CancelledException when cancelled; nothing is left behind
     */
    public static Path generate(SyntheticSettings settings, Path outputRoot, Progress progress) throws IOException {
        settings.validate();
        FFmpegSupport.init();
        Path root = outputRoot.toAbsolutePath().normalize();
        if (Files.isDirectory(root)) {
            if (sameSettings(root, settings)) {
                progress.report(1, "Synthetic dataset already generated in " + root);
                return root;
            }
            if (!isEmpty(root)) {
                throw new IOException(
                        "Folder " + root + " is not empty and holds no synthetic dataset with these settings: "
                                + "choose a new or empty folder.");
            }
        } else if (Files.exists(root)) {
            throw new IOException(root + " is a file: choose a folder for the synthetic dataset.");
        }
        Path parent = root.getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + root.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            Files.createDirectory(temp);
            writeDataset(settings, temp, progress);
            Files.deleteIfExists(root); // only an empty folder can be here
            Files.move(temp, root, StandardCopyOption.ATOMIC_MOVE);
            return root;
        } finally {
            FileUtils.deleteQuietly(temp.toFile());
        }
    }

    private static void writeDataset(SyntheticSettings settings, Path folder, Progress progress) throws IOException {
        List<String> classes = classNames(settings);
        for (String name : classes) {
            Files.createDirectories(folder.resolve(name));
        }
        writeVideos(settings, folder, classes, progress);

        List<String> classInd = new ArrayList<>();
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            String name = classes.get(c);
            classInd.add((c + 1) + " " + name);
            boolean[] isTest = testVideos(settings, c);
            for (int v = 0; v < settings.videosPerClass(); v++) {
                String path = name + "/" + videoId(name, v) + "."
                        + settings.container().extension();
                if (isTest[v]) {
                    test.add(path);
                } else {
                    train.add(path + " " + (c + 1));
                }
            }
        }
        writeLines(folder.resolve("classInd.txt"), classInd);
        writeLines(folder.resolve("trainlist01.txt"), train);
        writeLines(folder.resolve("testlist01.txt"), test);
        try (OutputStream out = Files.newOutputStream(folder.resolve(SETTINGS_FILE))) {
            settingsProperties(settings).store(out, "Synthetic motion dataset (org.vidssl.video.synth), complete");
        }
    }

    /** Which videos of a class go to the test split: a seeded stratified choice, at least one train and one test. */
    static boolean[] testVideos(SyntheticSettings settings, int classIndex) {
        int n = settings.videosPerClass();
        int testCount = (int) Math.max(1, Math.min(n - 1, Math.round(settings.testFraction() * n)));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        SplittableRandom random = new SplittableRandom(mix(settings.seed(), 0x5EED5EEDL, classIndex));
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates with our own generator, so the split never depends on the JDK
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        boolean[] isTest = new boolean[n];
        for (int i = 0; i < testCount; i++) {
            isTest[order.get(i)] = true;
        }
        return isTest;
    }

    private static void writeVideos(SyntheticSettings settings, Path folder, List<String> classes, Progress progress)
            throws IOException {
        int total = classes.size() * settings.videosPerClass();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), total));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "vidssl-synthetic-writer");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int c = 0; c < classes.size(); c++) {
                for (int v = 0; v < settings.videosPerClass(); v++) {
                    int classIndex = c;
                    int videoIndex = v;
                    futures.add(pool.submit(() -> {
                        if (failed.get()) {
                            return null; // another video failed: stop early
                        }
                        progress.checkCancelled();
                        String name = classes.get(classIndex);
                        Path file = folder.resolve(name)
                                .resolve(videoId(name, videoIndex) + "."
                                        + settings.container().extension());
                        writeVideo(settings, renderer(settings, classIndex, videoIndex), file, progress);
                        int done = written.incrementAndGet();
                        synchronized (progress) {
                            progress.report(
                                    (double) done / total, "Generated " + done + " of " + total + " synthetic videos");
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failed.set(true);
                    Throwable cause = e.getCause();
                    if (cause instanceof CancelledException cancelled) {
                        throw cancelled;
                    }
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("Generating the synthetic dataset failed: " + cause, cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            failed.set(true);
            pool.shutdownNow();
            try {
                while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void writeVideo(SyntheticSettings settings, MotionRenderer renderer, Path file, Progress progress)
            throws IOException {
        int width = settings.width();
        int height = settings.height();
        // 4:2:0 video needs even sizes: an odd size gets one more column/row, a copy of the edge (no rescaling)
        int storedWidth = width + (width & 1);
        int storedHeight = height + (height & 1);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), storedWidth, storedHeight, 0);
                Frame frame = new Frame(storedWidth, storedHeight, Frame.DEPTH_UBYTE, 3)) {
            recorder.setFormat(settings.container().extension());
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FRAME_RATE);
            recorder.setGopSize(FRAME_RATE);
            recorder.setVideoOption("threads", "1"); // deterministic output; parallel across videos instead
            recorder.setVideoCodec(
                    settings.container() == SyntheticSettings.Container.MP4 ? AV_CODEC_ID_H264 : AV_CODEC_ID_MPEG4);
            recorder.setVideoBitrate(
                    Math.max(200_000, width * height * FRAME_RATE)); // about 1 bit per pixel: noise costs bits
            recorder.start();
            ByteBuffer buffer = (ByteBuffer) frame.image[0];
            int rowBytes = width * 3;
            int stride = frame.imageStride; // in bytes for 8-bit images, rows padded to 8 bytes
            for (int t = 0; t < settings.frames(); t++) {
                if (t % 8 == 0) {
                    progress.checkCancelled();
                }
                byte[] pixels = renderer.frame(t);
                for (int y = 0; y < storedHeight; y++) {
                    int sourceRow = Math.min(y, height - 1) * rowBytes;
                    buffer.position(y * stride);
                    buffer.put(pixels, sourceRow, rowBytes);
                    if (storedWidth > width) {
                        buffer.put(pixels, sourceRow + rowBytes - 3, 3);
                    }
                }
                buffer.rewind();
                recorder.record(frame, AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Cannot write synthetic video " + file + ": " + e.getMessage(), e);
        }
    }

    private static MotionRenderer renderer(SyntheticSettings settings, int classIndex, int videoIndex) {
        if (classIndex < 0
                || classIndex >= settings.classes()
                || videoIndex < 0
                || videoIndex >= settings.videosPerClass()) {
            throw new IllegalArgumentException(
                    "Video " + videoIndex + " of class " + classIndex + " is outside the dataset (" + settings.classes()
                            + " classes x " + settings.videosPerClass() + " videos).");
        }
        return new MotionRenderer(
                MotionPattern.values()[classIndex],
                settings.frames(),
                settings.height(),
                settings.width(),
                settings.motionSpeed(),
                mix(settings.seed(), classIndex, videoIndex));
    }

    /** A well-spread seed per (seed, a, b): SplittableRandom's own mixing of a combined value. */
    private static long mix(long seed, long a, long b) {
        return new SplittableRandom(seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL)).nextLong();
    }

    private static Properties settingsProperties(SyntheticSettings settings) {
        Properties p = new Properties();
        p.setProperty("format", "1");
        p.setProperty("classes", Integer.toString(settings.classes()));
        p.setProperty("videosPerClass", Integer.toString(settings.videosPerClass()));
        p.setProperty("frames", Integer.toString(settings.frames()));
        p.setProperty("height", Integer.toString(settings.height()));
        p.setProperty("width", Integer.toString(settings.width()));
        p.setProperty("container", settings.container().name());
        p.setProperty("testFraction", Double.toString(settings.testFraction()));
        p.setProperty("seed", Long.toString(settings.seed()));
        if (settings.motionSpeed() != SyntheticSettings.DEFAULT_MOTION_SPEED) {
            // only when set, so datasets written before the setting existed are still recognised
            p.setProperty("motionSpeed", Double.toString(settings.motionSpeed()));
        }
        return p;
    }

    private static boolean sameSettings(Path root, SyntheticSettings settings) throws IOException {
        Path file = root.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties stored = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            stored.load(in);
        }
        return stored.equals(settingsProperties(settings));
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
