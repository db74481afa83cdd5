package org.vidssl.video.decode;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.clips.FlowFolders;
import org.vidssl.video.decode.TestVideos.Format;
import org.vidssl.video.flow.FlowMethod;
import org.vidssl.video.flow.OpticalFlow;

/** Optical flow written by the Frame Extractor: layout, count, quantisation, motion, resume and atomicity. */
class FlowExtractionTest {

    private static final int HEIGHT = 64;
    private static final int WIDTH = 86;
    private static final int FRAMES = 10;
    /** the texture moves this many pixels right per frame */
    private static final int DX = 2;
    /** pixels left out at each border, where flow has no support */
    private static final int BORDER = 8;

    @TempDir
    Path dir;

    private static VideoEntry entry(Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return new VideoEntry(id, "Test", 0, Split.TRAIN, file, -1);
    }

    /** Decoded at the video's own size, so the flow is in the video's pixels. */
    private static FrameExtractor extractor(FlowMethod method) {
        return new FrameExtractor(new FrameExtractionSettings(HEIGHT, WIDTH, 95, 2, method));
    }

    @ParameterizedTest
    @EnumSource(
            value = FlowMethod.class,
            names = {"TVL1", "FARNEBACK"})
    void writesOneGreyFlowFramePairPerFramePairWithTheMotionOfTheVideo(FlowMethod method) throws Exception {
        Path video = TestVideos.writeTranslating(dir, "pan", FRAMES, WIDTH, HEIGHT, DX, 0);
        Path out = dir.resolve("frames");

        ExtractionResult r = extractor(method)
                .extract(List.of(entry(video)), out, Progress.NONE)
                .get(0);

        assertNull(r.error());
        assertEquals(FRAMES, r.frameCount());
        assertEquals(
                new FlowFolders(
                        out.resolve("u").resolve("pan"), out.resolve("v").resolve("pan")),
                r.flow());
        for (Path folder : new Path[] {r.flow().u(), r.flow().v()}) {
            // the reference's layout: frame i is the flow from frame i to i + 1, one fewer than the frames
            assertEquals(FRAMES - 1, FrameExtractor.countFrames(folder), folder.toString());
            assertFalse(Files.exists(folder.resolve(FrameExtractor.frameFileName(FRAMES))));
            assertTrue(Files.isRegularFile(folder.resolve(FrameExtractor.FLOW_MARKER_FILE)));
        }
        double uSum = 0;
        double vSum = 0;
        for (int i = 1; i < FRAMES; i++) {
            double u = interiorMeanFlow(r.flow().u().resolve(FrameExtractor.frameFileName(i)));
            double v = interiorMeanFlow(r.flow().v().resolve(FrameExtractor.frameFileName(i)));
            assertEquals(DX, u, 0.6, method + " u of flow frame " + i);
            assertEquals(0, v, 0.4, method + " v of flow frame " + i);
            uSum += u;
            vSum += v;
        }
        assertEquals(DX, uSum / (FRAMES - 1), 0.3, method + " mean u");
        assertEquals(0, vSum / (FRAMES - 1), 0.2, method + " mean v");
    }

    @Test
    void verticalMotionGoesToV() throws Exception {
        Path video = TestVideos.writeTranslating(dir, "tilt", 4, WIDTH, HEIGHT, 0, -3);
        ExtractionResult r = extractor(FlowMethod.TVL1)
                .extract(List.of(entry(video)), dir.resolve("f"), Progress.NONE)
                .get(0);
        assertNull(r.error());
        // upwards is negative v, as OpenCV's flow: next(x + u, y + v) = previous(x, y)
        assertEquals(-3, interiorMeanFlow(r.flow().v().resolve(FrameExtractor.frameFileName(2))), 0.6);
        assertEquals(0, interiorMeanFlow(r.flow().u().resolve(FrameExtractor.frameFileName(2))), 0.4);
    }

    @Test
    void quantisationIsTheReferencesBoundOfTwentyPixels() {
        assertEquals(-20, OpticalFlow.dequantise(0), 1e-9);
        assertEquals(20, OpticalFlow.dequantise(255), 1e-9);
        assertEquals(0.0784, OpticalFlow.dequantise(128), 1e-3); // zero motion is 127.5, written as 128
        // a frame pair with no motion quantises to 128 (round half to even, as cvRound)
        try (OpticalFlow flow = new OpticalFlow(FlowMethod.TVL1);
                Mat still = new Mat(
                        32,
                        32,
                        org.bytedeco.opencv.global.opencv_core.CV_8UC1,
                        new org.bytedeco.opencv.opencv_core.Scalar(90));
                Mat u = new Mat();
                Mat v = new Mat()) {
            flow.compute(still, still, u, v);
            assertEquals(org.bytedeco.opencv.global.opencv_core.CV_8UC1, u.type());
            assertEquals(128, org.bytedeco.opencv.global.opencv_core.mean(u).get(0), 1e-9);
            assertEquals(128, org.bytedeco.opencv.global.opencv_core.mean(v).get(0), 1e-9);
        }
    }

    @Test
    void resumeSkipsCompleteVideosAndAddsFlowToFramesDecodedWithoutIt() throws Exception {
        Path a = TestVideos.writeTranslating(dir, "a", 6, WIDTH, HEIGHT, DX, 0);
        Path b = TestVideos.writeTranslating(dir, "b", 5, WIDTH, HEIGHT, DX, 0);
        Path out = dir.resolve("frames");
        // a: frames only, as an earlier run without flow left it
        ExtractionResult framesOnly = extractor(FlowMethod.NONE)
                .extract(List.of(entry(a)), out, Progress.NONE)
                .get(0);
        assertNull(framesOnly.flow());
        FileTime framesStamp = Files.getLastModifiedTime(out.resolve("a").resolve(FrameExtractor.frameFileName(1)));

        List<ExtractionResult> first =
                extractor(FlowMethod.FARNEBACK).extract(List.of(entry(a), entry(b)), out, Progress.NONE);

        assertTrue(first.stream().allMatch(ExtractionResult::ok), first.toString());
        assertFalse(first.get(0).skipped(), "a was decoded again for its flow");
        assertEquals(
                framesStamp,
                Files.getLastModifiedTime(out.resolve("a").resolve(FrameExtractor.frameFileName(1))),
                "the complete frame folder is kept");
        assertEquals(5, FrameExtractor.countFrames(first.get(0).flow().u()));
        assertEquals(4, FrameExtractor.countFrames(first.get(1).flow().v()));
        Path bFirstU = first.get(1).flow().u().resolve(FrameExtractor.frameFileName(1));
        FileTime flowStamp = Files.getLastModifiedTime(bFirstU);

        List<ExtractionResult> second =
                extractor(FlowMethod.FARNEBACK).extract(List.of(entry(a), entry(b)), out, Progress.NONE);

        assertTrue(second.stream().allMatch(r -> r.ok() && r.skipped()), second.toString());
        assertEquals(first.get(1).flow(), second.get(1).flow());
        assertEquals(flowStamp, Files.getLastModifiedTime(bFirstU), "complete flow folders are not written again");

        // asking for another method over complete folders is an error, not a silent mix of methods
        ExtractionResult other = extractor(FlowMethod.TVL1)
                .extract(List.of(entry(a)), out, Progress.NONE)
                .get(0);
        assertNotNull(other.error());
        assertTrue(other.error().contains("farneback") && other.error().contains("tvl1"), other.error());
    }

    @Test
    void aFailureMidVideoLeavesNoPartialFolder() throws Exception {
        Path good = TestVideos.writeTranslating(dir, "good", 4, WIDTH, HEIGHT, DX, 0);
        Path longAvi = TestVideos.write(dir, "long", Format.AVI_MPEG4, 30, WIDTH, HEIGHT);
        Path truncated = dir.resolve("truncated.avi");
        byte[] bytes = Files.readAllBytes(longAvi);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path single = TestVideos.write(dir, "single", Format.MP4_H264, 1, WIDTH, HEIGHT);
        Path out = dir.resolve("frames");

        List<ExtractionResult> results = extractor(FlowMethod.FARNEBACK)
                .extract(List.of(entry(good), entry(truncated), entry(single)), out, Progress.NONE);

        assertTrue(results.get(0).ok());
        assertTrue(results.get(1).error().contains("truncated"), results.get(1).error());
        assertTrue(
                results.get(2).error().contains("single frame"), results.get(2).error());
        for (String id : new String[] {"truncated", "single"}) {
            assertFalse(Files.exists(out.resolve(id)), id);
            assertFalse(Files.exists(out.resolve("u").resolve(id)), "u of " + id);
            assertFalse(Files.exists(out.resolve("v").resolve(id)), "v of " + id);
        }
        assertNoTempFolders(out, out.resolve("u"), out.resolve("v"));
    }

    @Test
    void cancellationMidVideoLeavesNoPartialFlowFolder() throws Exception {
        Path video = TestVideos.writeTranslating(dir, "c", 12, WIDTH, HEIGHT, DX, 0);
        Path out = dir.resolve("frames");
        AtomicInteger checks = new AtomicInteger();
        Progress cancelMidVideo = new Progress() {
            @Override
            public void report(double fraction, String message) {}

            @Override
            public boolean isCancelled() {
                return checks.incrementAndGet() > 6;
            }
        };
        assertThrows(
                CancelledException.class,
                () -> extractor(FlowMethod.FARNEBACK).extract(List.of(entry(video)), out, cancelMidVideo));
        assertFalse(Files.exists(out.resolve("c")));
        assertFalse(Files.exists(out.resolve("u").resolve("c")));
        assertNoTempFolders(out, out.resolve("u"), out.resolve("v"));
    }

    @Test
    void aVideoNamedLikeAFlowFolderIsRejected() throws Exception {
        Path u = TestVideos.writeTranslating(dir, "u", 3, WIDTH, HEIGHT, DX, 0);
        ExtractionResult r = extractor(FlowMethod.FARNEBACK)
                .extract(List.of(entry(u)), dir.resolve("f"), Progress.NONE)
                .get(0);
        assertTrue(r.error().contains("flow folder"), r.error());
        // without flow the name is free
        assertTrue(extractor(FlowMethod.NONE)
                .extract(List.of(entry(u)), dir.resolve("g"), Progress.NONE)
                .get(0)
                .ok());
    }

    /** The clip loader reads the u and v folders the extractor wrote, n - 1 usable frames, motion intact. */
    @Test
    void clipLoaderReadsTheWrittenFlow() throws Exception {
        Path video = TestVideos.writeTranslating(dir, "pan", FRAMES, WIDTH, HEIGHT, DX, 0);
        Path out = dir.resolve("frames");
        ExtractionResult r = extractor(FlowMethod.TVL1)
                .extract(List.of(entry(video)), out, Progress.NONE)
                .get(0);
        int crop = 48;
        ClipSettings fits = new ClipSettings(FRAMES - 1, HEIGHT, WIDTH, crop, false, View.U, IntraNegative.REPEAT, 1);
        ClipSettings tooLong = new ClipSettings(FRAMES, HEIGHT, WIDTH, crop, false, View.U, IntraNegative.REPEAT, 1);
        List<VideoEntry> videos = List.of(r.asFrameFolderEntry());
        try (ClipSource fitting = ClipSources.open(videos, fits, FlowFolders.under(out));
                ClipSource looping = ClipSources.open(videos, tooLong, FlowFolders.under(out))) {
            Clip clip = fitting.testClips(0, 1).get(0);
            assertFalse(clip.looped(), "n - 1 flow frames fill a clip of n - 1");
            assertTrue(looping.testClips(0, 1).get(0).looped(), "a clip of n frames loops over the n - 1 flow frames");
            int plane = crop * crop;
            for (int t = 0; t < FRAMES - 1; t++) {
                assertEquals(DX, meanFlow(clip.flowU(), t * plane, plane), 0.6, "u at clip position " + t);
                assertEquals(0, meanFlow(clip.flowV(), t * plane, plane), 0.4, "v at clip position " + t);
            }
        }
    }

    /** Mean flow in pixels of a clip plane whose values are byte / 255. */
    private static double meanFlow(float[] data, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += OpticalFlow.dequantise(Math.round(data[i] * 255));
        }
        return sum / length;
    }

    /** Mean de-quantised flow inside the border of a flow JPEG, which must be a one-channel image. */
    private static double interiorMeanFlow(Path file) {
        try (Mat image = imread(file.toString(), IMREAD_UNCHANGED)) {
            assertEquals(HEIGHT, image.rows(), "height of " + file);
            assertEquals(WIDTH, image.cols(), "width of " + file);
            assertEquals(1, image.channels(), "grey JPEG " + file);
            ByteBuffer pixels = image.createBuffer();
            double sum = 0;
            int n = 0;
            for (int y = BORDER; y < HEIGHT - BORDER; y++) {
                for (int x = BORDER; x < WIDTH - BORDER; x++) {
                    sum += OpticalFlow.dequantise(pixels.get((int) (y * image.step() + x)) & 0xFF);
                    n++;
                }
            }
            return sum / n;
        }
    }

    private static void assertNoTempFolders(Path... roots) throws IOException {
        for (Path root : roots) {
            try (Stream<Path> entries = Files.list(root)) {
                List<String> hidden = entries.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("."))
                        .toList();
                assertTrue(hidden.isEmpty(), "temporary folders left in " + root + ": " + hidden);
            }
        }
    }
}
