package org.vidssl.video.clips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSampling;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;

class ClipSourcesTest {

    // small frames keep the test fast: 40x52 frames, 8-frame clips, 32x32 crops
    static final int H = 40;
    static final int W = 52;
    static final int T = 8;
    static final int S = 32;
    static final ClipSettings SMALL = new ClipSettings(T, H, W, S, false, View.RES, IntraNegative.REPEAT, 10);
    static final ClipSettings FLIPPING = new ClipSettings(T, H, W, S, true, View.RES, IntraNegative.REPEAT, 10);
    /** near-lossless JPEG (quality 100, no chroma subsampling): YCbCr rounding only */
    static final Tolerance JPEG_TOLERANCE = new Tolerance(5, 1.0);
    /** 4:2:0 chroma and lossy coding blur the colour ramps (the crop is checked by {@link #assertOneCrop}) */
    static final Tolerance VIDEO_TOLERANCE = new Tolerance(40, 5.0);

    @TempDir
    Path dir;

    static VideoEntry entry(String id, Path source, int frames) {
        return new VideoEntry(id, "Cls", 0, Split.TRAIN, source, frames);
    }

    static float value(float[] view, int c, int t, int y, int x) {
        return view[((c * T + t) * S + y) * S + x];
    }

    /** What a decoded clip shows: crop offset, flip, and the source frame of every position. */
    record Seen(int cropY, int cropX, boolean flip, int[] frames) {}

    static Seen see(Clip clip) {
        float[] rgb = clip.rgb();
        boolean flip = value(rgb, 0, 0, 0, 0) > value(rgb, 0, 0, 0, S - 1);
        int left = Math.round(value(rgb, 0, 0, 0, flip ? S - 1 : 0) * 255 / 4f);
        int top = Math.round(value(rgb, 1, 0, 0, 0) * 255 / 4f);
        int[] frames = new int[T];
        for (int t = 0; t < T; t++) {
            // blue is flat over a frame: its mean is robust to codec noise
            double sum = 0;
            for (int i = 0; i < S * S; i++) {
                sum += rgb[(2 * T + t) * S * S + i];
            }
            frames[t] = (int) Math.round((sum / (S * S) * 255 - 5) / 10);
        }
        return new Seen(top, left, flip, frames);
    }

    /**
     * Every pixel of every channel of the view equals the pattern at (frame, cropY + y, cropX + x):
     * no pixel is more than {@code worstLevels} off and no channel more than {@code meanLevels} on
     * average (a crop one pixel off would put a whole colour ramp 4 levels off).
     */
    static void assertShows(float[] view, IntBinaryOperator[] channels, Seen seen, Tolerance tolerance, String what) {
        int worst = 0;
        for (int c = 0; c < 3; c++) {
            long sum = 0;
            for (int t = 0; t < T; t++) {
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        int sourceX = seen.cropX() + (seen.flip() ? S - 1 - x : x);
                        int expected = pattern(channels[c], seen.frames()[t], seen.cropY() + y, sourceX);
                        int error = Math.abs(Math.round(value(view, c, t, y, x) * 255) - expected);
                        worst = Math.max(worst, error);
                        sum += error;
                    }
                }
            }
            double mean = (double) sum / (T * S * S);
            assertTrue(
                    mean <= tolerance.meanLevels(),
                    what + ": channel " + c + " is " + mean + " grey levels off on average");
        }
        assertTrue(
                worst <= tolerance.worstLevels(), what + ": worst pixel is " + worst + " grey levels off the pattern");
    }

    record Tolerance(int worstLevels, double meanLevels) {}

    /**
     * Every frame of the clip has the crop {@code seen} reports: the mean red and green of a frame
     * give its crop column and row (a one-pixel shift moves a mean by 4 levels), robust to codec noise.
     */
    static void assertOneCrop(Clip clip, Seen seen, String what) {
        for (int t = 0; t < T; t++) {
            double red = 0;
            double green = 0;
            for (int i = 0; i < S * S; i++) {
                red += clip.rgb()[t * S * S + i];
                green += clip.rgb()[(T + t) * S * S + i];
            }
            double left = red / (S * S) * 255 / 4 - (S - 1) / 2.0;
            double top = green / (S * S) * 255 / 4 - (S - 1) / 2.0;
            assertEquals(seen.cropX(), left, 0.4, what + ": crop column of frame " + t);
            assertEquals(seen.cropY(), top, 0.4, what + ": crop row of frame " + t);
        }
    }

    private static final ThreadLocal<int[]> FRAME = ThreadLocal.withInitial(() -> new int[1]);

    private static int pattern(IntBinaryOperator channel, int frame, int y, int x) {
        FRAME.get()[0] = frame;
        return channel.applyAsInt(y, x);
    }

    static IntBinaryOperator[] rgbPattern() {
        return new IntBinaryOperator[] {
            (y, x) -> TestVideos.red(FRAME.get()[0], y, x),
            (y, x) -> TestVideos.green(FRAME.get()[0], y, x),
            (y, x) -> TestVideos.blue(FRAME.get()[0], y, x)
        };
    }

    static IntBinaryOperator[] greyPattern(boolean vertical, boolean negated) {
        IntBinaryOperator g = (y, x) -> {
            int v = vertical ? TestVideos.flowV(FRAME.get()[0], y, x) : TestVideos.flowU(FRAME.get()[0], y, x);
            return negated ? 255 - v : v;
        };
        return new IntBinaryOperator[] {g, g, g};
    }

    static int[] consecutive(int start) {
        int[] frames = new int[T];
        for (int t = 0; t < T; t++) {
            frames[t] = start + t;
        }
        return frames;
    }

    /** The clip a plan asks for, cut by hand from fully decoded BGR frames of width {@code width}. */
    static float[] expectedClip(List<byte[]> frames, org.vidssl.core.clip.ClipPlan plan, int width) {
        float[] clip = new float[3 * T * S * S];
        for (int t = 0; t < T; t++) {
            byte[] bgr = frames.get(plan.frame(t));
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    int sx = plan.cropX() + (plan.flip() ? S - 1 - x : x);
                    int i = ((plan.cropY() + y) * width + sx) * 3;
                    for (int c = 0; c < 3; c++) {
                        clip[((c * T + t) * S + y) * S + x] = (bgr[i + 2 - c] & 0xFF) / 255f;
                    }
                }
            }
        }
        return clip;
    }

    @Test
    void trainClipIsConsecutiveFramesWithOneRandomCrop() {
        int n = 20;
        Path folder = TestVideos.rgbFolder(dir.resolve("v0"), n, H, W);
        try (ClipSource source = ClipSources.open(List.of(entry("v0", folder, -1)), SMALL, null)) {
            boolean[] topsSeen = new boolean[H - S + 1];
            boolean[] leftsSeen = new boolean[W - S + 1];
            for (int epoch = 0; epoch < 40; epoch++) {
                Clip clip = source.trainClip(0, 632, epoch);
                assertEquals(T, clip.length());
                assertEquals(S, clip.height());
                assertEquals(S, clip.width());
                assertEquals(3 * T * S * S, clip.size());
                assertFalse(clip.looped());
                assertNull(clip.flowU());
                Seen seen = see(clip);
                assertFalse(seen.flip());
                int start = seen.frames()[0];
                assertTrue(start >= 0 && start <= n - T, "start " + start);
                assertArrayEquals(consecutive(start), seen.frames(), "frame k of the clip is source frame start + k");
                assertOneCrop(clip, seen, "epoch " + epoch);
                assertShows(clip.rgb(), rgbPattern(), seen, JPEG_TOLERANCE, "epoch " + epoch);
                // the source follows the core sampling plan exactly
                var plan = ClipSampling.train(SMALL, n, 632, epoch, 0);
                assertEquals(plan.start(), start);
                assertEquals(plan.cropY(), seen.cropY());
                assertEquals(plan.cropX(), seen.cropX());
                topsSeen[seen.cropY()] = true;
                leftsSeen[seen.cropX()] = true;
            }
            int distinctTops = 0;
            for (boolean b : topsSeen) {
                distinctTops += b ? 1 : 0;
            }
            assertTrue(distinctTops > 3, "crops move between epochs");
        }
    }

    @Test
    void testClipsAreCentreCroppedAtTheReferenceStarts() {
        int n = 23;
        Path folder = TestVideos.rgbFolder(dir.resolve("v0"), n, H, W);
        try (ClipSource source = ClipSources.open(List.of(entry("v0", folder, n)), SMALL, null)) {
            List<Clip> clips = source.testClips(0, 10);
            assertEquals(10, clips.size());
            // numpy.linspace(T/2, n - T/2, 10), start = int(centre - T/2)
            double step = (n - T) / 9.0;
            for (int i = 0; i < 10; i++) {
                double centre = i == 9 ? n - T / 2.0 : i * step + T / 2.0;
                int start = (int) (centre - T / 2.0);
                Seen seen = see(clips.get(i));
                assertArrayEquals(consecutive(start), seen.frames(), "clip " + i);
                assertEquals(Math.round((H - S) / 2.0), seen.cropY(), "centre crop row");
                assertEquals((int) Math.rint((W - S) / 2.0), seen.cropX(), "centre crop column");
                assertShows(clips.get(i).rgb(), rgbPattern(), seen, JPEG_TOLERANCE, "test clip " + i);
            }
        }
    }

    @Test
    void shortVideosLoopAndSaySo() {
        Path folder = TestVideos.rgbFolder(dir.resolve("short"), 3, H, W);
        try (ClipSource source = ClipSources.open(List.of(entry("short", folder, -1)), SMALL, null)) {
            Clip clip = source.trainClip(0, 1, 0);
            assertTrue(clip.looped());
            Seen seen = see(clip);
            for (int t = 0; t < T; t++) {
                assertEquals(t % 3, seen.frames()[t]);
            }
            assertShows(clip.rgb(), rgbPattern(), seen, JPEG_TOLERANCE, "looped clip");
            for (Clip test : source.testClips(0, 4)) {
                assertTrue(test.looped());
                assertEquals(0, see(test).frames()[0]);
            }
        }
    }

    @Test
    void flowClipsShareTheCropAndAreGreyInThreeChannels() {
        int n = 14;
        Path folder = TestVideos.rgbFolder(dir.resolve("rgb/v0"), n, H, W);
        // TV-L1 flow has one frame fewer than the video
        TestVideos.flowFolder(dir.resolve("flow/u/v0"), n - 1, H, W, false);
        TestVideos.flowFolder(dir.resolve("flow/v/v0"), n - 1, H, W, true);
        FlowFolders flow = FlowFolders.under(dir.resolve("flow"));
        for (ClipSettings settings : List.of(SMALL, FLIPPING)) {
            try (ClipSource source = ClipSources.open(List.of(entry("v0", folder, -1)), settings, flow)) {
                int flips = 0;
                for (int epoch = 0; epoch < 12; epoch++) {
                    Clip clip = source.trainClip(0, 7, epoch);
                    assertNotNull(clip.flowU());
                    assertNotNull(clip.flowV());
                    Seen seen = see(clip);
                    assertTrue(seen.frames()[T - 1] <= n - 2, "clips stay inside the shorter flow folders");
                    assertShows(clip.rgb(), rgbPattern(), seen, JPEG_TOLERANCE, "rgb");
                    // mirrored horizontal flow is negated; vertical flow only mirrored
                    assertShows(clip.flowU(), greyPattern(false, seen.flip()), seen, JPEG_TOLERANCE, "u flow");
                    assertShows(clip.flowV(), greyPattern(true, false), seen, JPEG_TOLERANCE, "v flow");
                    flips += seen.flip() ? 1 : 0;
                }
                if (settings.flip()) {
                    assertTrue(flips > 0 && flips < 12, "some clips flipped, some not: " + flips);
                } else {
                    assertEquals(0, flips);
                }
            }
            try (ClipSource source = ClipSources.open(List.of(entry("v0", folder, -1)), settings, flow)) {
                List<Clip> tests = source.testClips(0, 10);
                assertArrayEquals(
                        consecutive(n - 1 - T),
                        see(tests.get(9)).frames(),
                        "last test clip ends at the last flow frame");
            }
        }
    }

    @Test
    void clipsDependOnlyOnSeedEpochAndVideoWhateverTheThread() throws Exception {
        List<VideoEntry> videos = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            videos.add(entry("v" + i, TestVideos.rgbFolder(dir.resolve("v" + i), 12 + 3 * i, H, W), -1));
        }
        List<float[]> sequential = new ArrayList<>();
        try (ClipSource source = ClipSources.open(videos, FLIPPING, null)) {
            for (int i = 0; i < 4; i++) {
                sequential.add(source.trainClip(i, 99, 3).rgb());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (ClipSource source = ClipSources.open(videos, FLIPPING, null)) {
            List<Future<float[]>> parallel = new ArrayList<>();
            for (int repeat = 0; repeat < 3; repeat++) {
                for (int i = 3; i >= 0; i--) {
                    int video = i;
                    parallel.add(
                            pool.submit(() -> source.trainClip(video, 99, 3).rgb()));
                }
            }
            for (int k = 0; k < parallel.size(); k++) {
                assertArrayEquals(sequential.get(3 - k % 4), parallel.get(k).get(), "clip " + k);
            }
            float[] otherEpoch = source.trainClip(0, 99, 4).rgb();
            float[] otherSeed = source.trainClip(0, 100, 3).rgb();
            assertFalse(java.util.Arrays.equals(sequential.get(0), otherEpoch)
                    && java.util.Arrays.equals(sequential.get(0), otherSeed));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneFlowComponentAlone() {
        Path folder = TestVideos.rgbFolder(dir.resolve("rgb/v0"), 12, H, W);
        TestVideos.flowFolder(dir.resolve("flow/v/Cls/v0"), 11, H, W, true); // class level accepted
        try (ClipSource source = ClipSources.open(
                List.of(entry("v0", folder, 12)), SMALL, new FlowFolders(null, dir.resolve("flow/v")))) {
            Clip clip = source.trainClip(0, 4, 2);
            assertNull(clip.flowU());
            Seen seen = see(clip);
            assertShows(clip.flowV(), greyPattern(true, false), seen, JPEG_TOLERANCE, "v flow");
        }
    }

    @Test
    void videoFilesAreSafeToReadFromAPool() throws Exception {
        int n = 30;
        List<VideoEntry> videos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            videos.add(entry(
                    "f" + i,
                    TestVideos.videoFile(
                            dir.resolve("f" + i + ".avi"), TestVideos.Container.AVI_MPEG4, n - 4 * i, H, W),
                    -1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (ClipSource source = ClipSources.open(videos, FLIPPING, null)) {
            List<Future<float[]>> clips = new ArrayList<>();
            for (int k = 0; k < 18; k++) {
                int video = k % 3;
                clips.add(pool.submit(() -> source.trainClip(video, 5, 1).rgb()));
            }
            for (int k = 0; k < 18; k++) {
                assertArrayEquals(
                        source.trainClip(k % 3, 5, 1).rgb(), clips.get(k).get(), "clip " + k);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void largerFramesAreResizedFirst() {
        // frames at twice the size: area resizing averages 2x2 blocks of identical pixels
        Path folder = TestVideos.rgbFolder(dir.resolve("big"), 10, 2 * H, 2 * W, 2);
        try (ClipSource source = ClipSources.open(List.of(entry("big", folder, -1)), SMALL, null)) {
            Clip clip = source.trainClip(0, 5, 0);
            Seen seen = see(clip);
            assertArrayEquals(consecutive(seen.frames()[0]), seen.frames());
            assertShows(clip.rgb(), rgbPattern(), seen, JPEG_TOLERANCE, "resized clip");
        }
    }

    @Test
    void videoFilesGiveTheSameClipsAsFrameFolders() throws IOException {
        int n = 22;
        Path folder = TestVideos.rgbFolder(dir.resolve("frames/v0"), n, H, W);
        for (TestVideos.Container container : TestVideos.Container.values()) {
            String ext = container == TestVideos.Container.MP4_H264 ? ".mp4" : ".avi";
            Path file = TestVideos.videoFile(dir.resolve("videos/v0" + ext), container, n, H, W);
            List<byte[]> decoded = TestVideos.decodeAll(file);
            assertEquals(n, decoded.size());
            List<VideoEntry> both = List.of(entry("v0", folder, -1), entry("v0", file, -1));
            try (ClipSource source = ClipSources.open(both, SMALL, null)) {
                for (int epoch = 0; epoch < 6; epoch++) {
                    Clip fromFile = source.trainClip(1, 11, epoch);
                    Seen seen = see(fromFile);
                    var plan = ClipSampling.train(SMALL, n, 11, epoch, 1);
                    assertArrayEquals(
                            plan.frames(), seen.frames(), container + ": the seek lands on the planned frame");
                    // the crop and the exact pixels: as cut by hand from a sequential decode
                    assertArrayEquals(
                            expectedClip(decoded, plan, W),
                            fromFile.rgb(),
                            1e-6f,
                            container + ": seek + decode gives the frames of a plain sequential decode");
                    assertShows(
                            fromFile.rgb(),
                            rgbPattern(),
                            new Seen(plan.cropY(), plan.cropX(), plan.flip(), plan.frames()),
                            VIDEO_TOLERANCE,
                            container + " epoch " + epoch);
                }
                List<Clip> folderClips = source.testClips(0, 10);
                List<Clip> fileClips = source.testClips(1, 10);
                for (int i = 0; i < 10; i++) {
                    float[] a = folderClips.get(i).rgb();
                    float[] b = fileClips.get(i).rgb();
                    double sum = 0;
                    for (int k = 0; k < a.length; k++) {
                        sum += Math.abs(a[k] - b[k]);
                    }
                    assertTrue(
                            sum / a.length < 3 / 255.0,
                            container + " test clip " + i + ": mean difference " + sum / a.length * 255);
                    assertArrayEquals(
                            see(folderClips.get(i)).frames(),
                            see(fileClips.get(i)).frames());
                }
            }
        }
    }

    @Test
    void shortVideoFilesLoopToo() throws IOException {
        Path file = TestVideos.videoFile(dir.resolve("short.mp4"), TestVideos.Container.MP4_H264, 5, H, W);
        try (ClipSource source = ClipSources.open(List.of(entry("short", file, -1)), SMALL, null)) {
            Clip clip = source.trainClip(0, 3, 0);
            assertTrue(clip.looped());
            Seen seen = see(clip);
            for (int t = 0; t < T; t++) {
                assertEquals(t % 5, seen.frames()[t]);
            }
            assertArrayEquals(
                    expectedClip(TestVideos.decodeAll(file), ClipSampling.train(SMALL, 5, 3, 0, 0), W),
                    clip.rgb(),
                    1e-6f);
            var plan = ClipSampling.train(SMALL, 5, 3, 0, 0);
            assertShows(
                    clip.rgb(),
                    rgbPattern(),
                    new Seen(plan.cropY(), plan.cropX(), false, plan.frames()),
                    VIDEO_TOLERANCE,
                    "looped video file");
        }
    }

    @Test
    void missingOrBrokenFramesAreNamed() throws IOException {
        Path folder = TestVideos.rgbFolder(dir.resolve("holes"), 10, H, W);
        Files.delete(folder.resolve("frame000005.jpg"));
        Files.write(folder.resolve("frame000002.jpg"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (ClipSource source = ClipSources.open(List.of(entry("holes", folder, 10)), SMALL, null)) {
            boolean sawMissing = false;
            boolean sawBroken = false;
            for (int epoch = 0; epoch < 40 && !(sawMissing && sawBroken); epoch++) {
                try {
                    source.trainClip(0, 1, epoch);
                    fail("every 8-frame clip of 10 frames covers frame 2 or 5");
                } catch (ClipReadException e) {
                    assertTrue(e.getMessage().contains("holes"), e.getMessage());
                    sawMissing |= e.getMessage().contains("frame000005.jpg")
                            && e.getMessage().contains("missing");
                    sawBroken |= e.getMessage().contains("frame000002.jpg")
                            && e.getMessage().contains("not a readable JPEG");
                }
            }
            assertTrue(sawMissing && sawBroken);
        }
        try (ClipSource source = ClipSources.open(List.of(entry("gone", dir.resolve("nowhere"), -1)), SMALL, null)) {
            ClipReadException e = assertThrows(ClipReadException.class, () -> source.trainClip(0, 1, 0));
            assertTrue(e.getMessage().contains("gone") && e.getMessage().contains("nowhere"), e.getMessage());
        }
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (ClipSource source = ClipSources.open(List.of(entry("empty", empty, -1)), SMALL, null)) {
            ClipReadException e = assertThrows(ClipReadException.class, () -> source.testClips(0, 10));
            assertTrue(e.getMessage().contains("no frames"), e.getMessage());
        }
        Path folder2 = TestVideos.rgbFolder(dir.resolve("noflow"), 10, H, W);
        try (ClipSource source = ClipSources.open(
                List.of(entry("noflow", folder2, -1)), SMALL, FlowFolders.under(dir.resolve("flow")))) {
            ClipReadException e = assertThrows(ClipReadException.class, () -> source.trainClip(0, 1, 0));
            assertTrue(e.getMessage().contains("noflow") && e.getMessage().contains("flow folder"), e.getMessage());
        }
        Path notVideo = Files.writeString(dir.resolve("fake.mp4"), "not a video");
        try (ClipSource source = ClipSources.open(List.of(entry("fake", notVideo, -1)), SMALL, null)) {
            ClipReadException e = assertThrows(ClipReadException.class, () -> source.trainClip(0, 1, 0));
            assertTrue(e.getMessage().contains("fake") && e.getMessage().contains("fake.mp4"), e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> ClipSources.open(
                        List.of(), new ClipSettings(T, H, W, 100, false, View.RES, IntraNegative.REPEAT, 10), null));
    }
}
