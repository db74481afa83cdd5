package org.vidssl.video.decode;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.video.decode.TestVideos.Format;

class FrameExtractorTest {

    private static final FrameExtractionSettings SMALL = new FrameExtractionSettings(40, 56, 95, 2);

    @TempDir
    Path dir;

    private static VideoEntry entry(Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return new VideoEntry(id, "Test", 0, Split.TRAIN, file, -1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void decodesEveryFrameOnceResizedWithItsColour(Format format) throws Exception {
        int frames = 13;
        Path video = TestVideos.write(dir, "v_" + format.name(), format, frames, 96, 64);

        List<ExtractionResult> results =
                new FrameExtractor(SMALL).extract(List.of(entry(video)), dir.resolve("frames"), Progress.NONE);

        ExtractionResult result = results.get(0);
        assertNull(result.error());
        assertFalse(result.skipped());
        assertEquals(frames, result.frameCount());
        assertEquals(frames, FrameExtractor.countFrames(result.frameFolder()));
        assertFalse(Files.exists(result.frameFolder().resolve(FrameExtractor.frameFileName(frames + 1))));
        for (int i = 0; i < frames; i++) {
            Path jpg = result.frameFolder().resolve(FrameExtractor.frameFileName(i + 1));
            try (Mat image = imread(jpg.toString())) {
                assertEquals(40, image.rows(), "height of " + jpg);
                assertEquals(56, image.cols(), "width of " + jpg);
                // left half has frame i's colour, right half grey: so frames are in order, none dropped or repeated
                Scalar left = meanOf(image, new Rect(4, 8, 20, 24));
                Scalar right = meanOf(image, new Rect(32, 8, 20, 24));
                int[] expected = TestVideos.colour(i);
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(expected[ch], left.get(ch), 14, format + " frame " + (i + 1) + " channel " + ch);
                    assertEquals(TestVideos.GREY, right.get(ch), 14, format + " frame " + (i + 1) + " channel " + ch);
                }
            }
        }
        assertEquals(frames, VideoProbe.countFrames(video));
        assertEquals(frames, VideoProbe.frameCount(video));
    }

    /** Narrow frames have padded rows (FFmpeg aligns the stride): the JPEGs must still hold the picture, unsheared. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"32, 32", "32, 43", "24, 30"})
    void narrowFramesKeepTheirPicture(int height, int width) throws Exception {
        Path video = TestVideos.write(dir, "v_narrow", Format.MP4_H264, 3, 96, 64);
        FrameExtractionSettings narrow = new FrameExtractionSettings(height, width, 95, 1);
        ExtractionResult result = new FrameExtractor(narrow)
                .extract(List.of(entry(video)), dir.resolve("frames"), Progress.NONE)
                .get(0);
        assertNull(result.error());
        assertEquals(3, result.frameCount());
        for (int i = 0; i < 3; i++) {
            try (Mat image = imread(result.frameFolder()
                    .resolve(FrameExtractor.frameFileName(i + 1))
                    .toString())) {
                assertEquals(height, image.rows());
                assertEquals(width, image.cols());
                Scalar left = meanOf(image, new Rect(2, height / 4, width / 2 - 6, height / 2));
                Scalar right = meanOf(image, new Rect(width / 2 + 4, height / 4, width / 2 - 6, height / 2));
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(
                            TestVideos.colour(i)[ch],
                            left.get(ch),
                            20,
                            height + "x" + width + " frame " + (i + 1) + " left");
                    assertEquals(
                            TestVideos.GREY, right.get(ch), 20, height + "x" + width + " frame " + (i + 1) + " right");
                }
            }
        }
    }

    @Test
    void probeReadsTheHeaderOfAviAndMp4() throws Exception {
        Path avi = TestVideos.write(dir, "a", Format.AVI_MPEG4, 7, 64, 48);
        Path mp4 = TestVideos.write(dir, "b", Format.MP4_H264, 9, 64, 48);
        VideoProbe.VideoInfo aviInfo = VideoProbe.probe(avi);
        assertEquals(7, aviInfo.declaredFrames());
        assertEquals(64, aviInfo.width());
        assertEquals(48, aviInfo.height());
        assertEquals("mpeg4", aviInfo.codec());
        assertEquals(25.0, aviInfo.frameRate(), 0.01);
        assertEquals(9, VideoProbe.probe(mp4).declaredFrames());
        IOException missing = assertThrows(IOException.class, () -> VideoProbe.probe(dir.resolve("none.avi")));
        assertTrue(missing.getMessage().contains("none.avi"));
    }

    @Test
    void corruptAndTruncatedVideosAreReportedWithoutStoppingTheOthers() throws Exception {
        Path good1 = TestVideos.write(dir, "good1", Format.AVI_MPEG4, 10, 64, 48);
        Path good2 = TestVideos.write(dir, "good2", Format.MP4_H264, 10, 64, 48);
        Path random = dir.resolve("random.avi");
        byte[] noise = new byte[20_000];
        new Random(1).nextBytes(noise);
        Files.write(random, noise);
        Path longAvi = TestVideos.write(dir, "long", Format.AVI_MPEG4, 40, 64, 48);
        Path truncatedAvi = dir.resolve("truncatedAvi.avi");
        byte[] aviBytes = Files.readAllBytes(longAvi);
        Files.write(truncatedAvi, java.util.Arrays.copyOf(aviBytes, aviBytes.length / 2));
        Path longMp4 = TestVideos.write(dir, "longmp4", Format.MP4_H264, 40, 64, 48);
        Path truncatedMp4 = dir.resolve("truncatedMp4.mp4");
        byte[] mp4Bytes = Files.readAllBytes(longMp4);
        Files.write(truncatedMp4, java.util.Arrays.copyOf(mp4Bytes, mp4Bytes.length / 2));
        Path missing = dir.resolve("missing.avi");

        List<VideoEntry> videos = List.of(
                entry(random), entry(good1), entry(truncatedAvi), entry(good2), entry(truncatedMp4), entry(missing));
        Path out = dir.resolve("frames");
        List<ExtractionResult> results = new FrameExtractor(SMALL).extract(videos, out, Progress.NONE);

        assertEquals(videos.size(), results.size());
        for (ExtractionResult r : results) {
            assertEquals(videos.get(results.indexOf(r)), r.video(), "results keep the input order");
        }
        assertTrue(results.get(1).ok());
        assertEquals(10, results.get(1).frameCount());
        assertTrue(results.get(3).ok());
        assertEquals(10, results.get(3).frameCount());
        for (int i : new int[] {0, 2, 4, 5}) {
            ExtractionResult r = results.get(i);
            assertNotNull(r.error(), r.video().videoId() + " must fail");
            assertNull(r.frameFolder());
            assertTrue(r.error().contains(r.video().source().toString()), "error names the file: " + r.error());
            assertFalse(
                    Files.exists(out.resolve(r.video().videoId())),
                    "no folder for " + r.video().videoId());
        }
        assertTrue(results.get(2).error().contains("truncated"), results.get(2).error());
        assertNoTempFolders(out);
    }

    @Test
    void secondRunSkipsCompleteFoldersAndDecodesOnlyNewVideos() throws Exception {
        Path a = TestVideos.write(dir, "a", Format.AVI_MPEG4, 6, 64, 48);
        Path b = TestVideos.write(dir, "b", Format.MP4_H264, 8, 64, 48);
        Path out = dir.resolve("frames");
        FrameExtractor extractor = new FrameExtractor(SMALL);
        List<ExtractionResult> first = extractor.extract(List.of(entry(a)), out, Progress.NONE);
        Path firstFrame = first.get(0).frameFolder().resolve(FrameExtractor.frameFileName(1));
        var stamp = Files.getLastModifiedTime(firstFrame);

        List<ExtractionResult> second = extractor.extract(List.of(entry(a), entry(b)), out, Progress.NONE);

        assertTrue(second.get(0).skipped());
        assertEquals(6, second.get(0).frameCount());
        assertEquals(stamp, Files.getLastModifiedTime(firstFrame), "a complete folder is not written again");
        assertFalse(second.get(1).skipped());
        assertEquals(8, second.get(1).frameCount());
        assertEquals(
                second.get(1).frameFolder(), second.get(1).asFrameFolderEntry().source());

        // the same folder asked at another size is an error, not a silent mix of sizes
        ExtractionResult otherSize = new FrameExtractor(new FrameExtractionSettings(64, 64, 90, 1))
                .extract(List.of(entry(a)), out, Progress.NONE)
                .get(0);
        assertNotNull(otherSize.error());
        assertTrue(otherSize.error().contains("40x56"), otherSize.error());
    }

    @Test
    void cancellationStopsPromptlyAndLeavesOnlyCompleteFolders() throws Exception {
        List<VideoEntry> videos = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            videos.add(entry(TestVideos.write(dir, "c" + i, Format.AVI_MPEG4, 48, 64, 48)));
        }
        Path out = dir.resolve("frames");
        AtomicInteger checks = new AtomicInteger();
        Progress cancelMidVideo = new Progress() {
            @Override
            public void report(double fraction, String message) {}
            // checked every 8 frames: the 5th check is in the middle of a video
            @Override
            public boolean isCancelled() {
                return checks.incrementAndGet() > 5;
            }
        };

        assertThrows(CancelledException.class, () -> new FrameExtractor(SMALL).extract(videos, out, cancelMidVideo));

        assertNoTempFolders(out);
        try (Stream<Path> folders = Files.list(out)) {
            for (Path folder : folders.toList()) {
                assertTrue(
                        Files.isRegularFile(folder.resolve(FrameExtractor.MARKER_FILE)), "complete folder " + folder);
                assertEquals(48, FrameExtractor.countFrames(folder));
            }
        }
        // the next run finishes the job
        List<ExtractionResult> resumed = new FrameExtractor(SMALL).extract(videos, out, Progress.NONE);
        assertTrue(resumed.stream().allMatch(r -> r.ok() && r.frameCount() == 48));
    }

    /**
     * Fault injection: repeated cancels mid-video each stop within seconds, leave no temporary folder and release the
     * decoders' native memory (JavaCPP's count of the bytes it allocated does not grow from cancel to cancel).
     */
    @Test
    void repeatedCancelsStopWithinSecondsAndReleaseNativeMemory() throws Exception {
        List<VideoEntry> videos = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            videos.add(entry(TestVideos.write(dir, "r" + i, Format.AVI_MPEG4, 64, 64, 48)));
        }
        // the first frame written in a JVM loads OpenCV's natives (seconds, once): not part of a cancel
        new FrameExtractor(SMALL).extract(videos.subList(0, 1), dir.resolve("warm-up"), Progress.NONE);
        long[] bytesAfter = new long[3];
        double[] stopSeconds = new double[3];
        for (int round = 0; round < 3; round++) {
            Path out = dir.resolve("frames" + round);
            AtomicInteger checks = new AtomicInteger();
            AtomicLong cancelledAt = new AtomicLong();
            Progress cancelMidVideo = new Progress() {
                @Override
                public void report(double fraction, String message) {}

                @Override
                public boolean isCancelled() {
                    boolean cancel = checks.incrementAndGet() > 5; // mid-video
                    if (cancel) {
                        cancelledAt.compareAndSet(0, System.nanoTime());
                    }
                    return cancel;
                }
            };
            assertThrows(
                    CancelledException.class, () -> new FrameExtractor(SMALL).extract(videos, out, cancelMidVideo));
            stopSeconds[round] = (System.nanoTime() - cancelledAt.get()) / 1e9;
            assertNoTempFolders(out);
            bytesAfter[round] = org.bytedeco.javacpp.Pointer.totalBytes();
        }
        assertTrue(
                Arrays.stream(stopSeconds).max().orElseThrow() < 3, "seconds to stop: " + Arrays.toString(stopSeconds));
        assertTrue(bytesAfter[2] <= bytesAfter[0], "native bytes after each cancel: " + Arrays.toString(bytesAfter));
    }

    @Test
    void duplicateIdsAndBadIdsAreReported() throws Exception {
        Path a = TestVideos.write(dir, "a", Format.AVI_MPEG4, 4, 64, 48);
        VideoEntry dotted = new VideoEntry("../escape", "Test", 0, Split.TRAIN, a, -1);
        List<ExtractionResult> results =
                new FrameExtractor(SMALL).extract(List.of(entry(a), entry(a), dotted), dir.resolve("f"), Progress.NONE);
        assertTrue(results.get(0).ok());
        assertTrue(
                results.get(1).error().contains("more than once"),
                results.get(1).error());
        assertTrue(results.get(2).error().contains("../escape"), results.get(2).error());
    }

    @Test
    void settingsValidationNamesTheSetting() {
        assertTrue(FrameExtractionSettings.DEFAULTS.problems().isEmpty());
        assertEquals(128, FrameExtractionSettings.DEFAULTS.height());
        assertEquals(171, FrameExtractionSettings.DEFAULTS.width());
        FrameExtractionSettings bad = new FrameExtractionSettings(4, 171, 0, -1);
        assertEquals(3, bad.problems().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrameExtractor(bad));
        assertTrue(e.getMessage().contains("JPEG quality"));
        assertTrue(e.getMessage().contains("Threads"));
        assertTrue(e.getMessage().contains("Frame size"));
    }

    private static Scalar meanOf(Mat image, Rect rect) {
        try (Mat region = new Mat(image, rect)) {
            return org.bytedeco.opencv.global.opencv_core.mean(region);
        }
    }

    private static void assertNoTempFolders(Path out) throws IOException {
        try (Stream<Path> entries = Files.list(out)) {
            List<String> hidden = entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("."))
                    .toList();
            assertTrue(hidden.isEmpty(), "temporary folders left: " + hidden);
        }
    }
}
