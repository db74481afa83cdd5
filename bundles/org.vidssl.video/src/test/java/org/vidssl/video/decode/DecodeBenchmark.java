package org.vidssl.video.decode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.io.FileUtils;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;

/**
 * Throughput figures, one summary line each: time to generate the default synthetic set, and frames per
 * second decoding videos into 128x171 JPEG frame folders with 1 and 2 threads (on the synthetic set and on
 * UCF101-like 320x240 MPEG-4 AVI files). Run: {@code java -cp <test classpath> org.vidssl.video.decode.DecodeBenchmark
 * [workDir]}.
 */
public final class DecodeBenchmark {

    public static void main(String[] args) throws Exception {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("vidssl-decode-benchmark");
        try {
            long start = System.nanoTime();
            Path synthetic = SyntheticMotionDataset.generate(
                    SyntheticSettings.DEFAULTS, work.resolve("synthetic"), Progress.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            SyntheticSettings d = SyntheticSettings.DEFAULTS;
            int videos = d.classes() * d.videosPerClass();
            print(
                    "generate default synthetic set (%d videos x %d frames, %dx%d, H.264 MP4, %d cores): %.1f s (%.0f"
                            + " frames/s)",
                    videos,
                    d.frames(),
                    d.height(),
                    d.width(),
                    Runtime.getRuntime().availableProcessors(),
                    seconds,
                    videos * d.frames() / seconds);

            SyntheticSettings ucfLike =
                    new SyntheticSettings(2, 10, 150, 240, 320, SyntheticSettings.Container.AVI, 0.25, 1);
            Path avi = SyntheticMotionDataset.generate(ucfLike, work.resolve("ucf-like"), Progress.NONE);

            for (int threads : new int[] {1, 2}) {
                decode(
                        "synthetic set 171x128 H.264 MP4",
                        synthetic,
                        "mp4",
                        threads,
                        work.resolve("frames-syn-" + threads));
                decode("UCF101-like 320x240 MPEG-4 AVI", avi, "avi", threads, work.resolve("frames-avi-" + threads));
            }
        } finally {
            if (args.length == 0) {
                FileUtils.deleteQuietly(work.toFile());
            }
        }
    }

    private static void decode(String label, Path root, String extension, int threads, Path out) throws Exception {
        List<VideoEntry> videos = new ArrayList<>();
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith("." + extension))
                    .sorted()
                    .toList()) {
                videos.add(new VideoEntry(
                        file.getFileName().toString().replace("." + extension, ""), "c", 0, Split.TRAIN, file, -1));
            }
        }
        FrameExtractor extractor = new FrameExtractor(new FrameExtractionSettings(128, 171, 90, threads));
        long start = System.nanoTime();
        List<ExtractionResult> results = extractor.extract(videos, out, Progress.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        long frames = results.stream().mapToLong(ExtractionResult::frameCount).sum();
        long failed = results.stream().filter(r -> !r.ok()).count();
        print(
                "decode %s to 128x171 JPEG q90, %d thread(s): %d videos, %d frames in %.1f s = %.0f frames/s%s",
                label,
                threads,
                videos.size(),
                frames,
                seconds,
                frames / seconds,
                failed > 0 ? " (" + failed + " FAILED)" : "");
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
