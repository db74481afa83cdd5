package org.vidssl.video.synth;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.video.decode.ExtractionResult;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.decode.FrameExtractor;
import org.vidssl.video.decode.VideoProbe;

class SyntheticMotionDatasetTest {

    private static final SyntheticSettings SMALL =
            new SyntheticSettings(4, 5, 8, 48, 62, SyntheticSettings.Container.MP4, 0.4, 7);

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesSameSplitsAndPixels() throws Exception {
        Path a = SyntheticMotionDataset.generate(SMALL, dir.resolve("a"), Progress.NONE);
        Path b = SyntheticMotionDataset.generate(SMALL, dir.resolve("b"), Progress.NONE);
        for (String file : List.of("classInd.txt", "trainlist01.txt", "testlist01.txt")) {
            assertEquals(Files.readString(a.resolve(file)), Files.readString(b.resolve(file)), file);
        }
        assertArrayEquals(
                SyntheticMotionDataset.renderFrames(SMALL, 2, 3).get(0),
                SyntheticMotionDataset.renderFrames(SMALL, 2, 3).get(0));
        // the encoded files decode to the same pixels too
        String video = "MoveUp/v_MoveUp_g01_c02.mp4";
        assertArrayEquals(
                firstFrameJpeg(a.resolve(video), dir.resolve("fa")),
                firstFrameJpeg(b.resolve(video), dir.resolve("fb")));

        SyntheticSettings other = SMALL.withSeed(8);
        assertFalse(
                java.util.Arrays.equals(
                        SyntheticMotionDataset.renderFrames(SMALL, 2, 3).get(0),
                        SyntheticMotionDataset.renderFrames(other, 2, 3).get(0)),
                "another seed draws another video");
        Path c = SyntheticMotionDataset.generate(other, dir.resolve("c"), Progress.NONE);
        assertNotEquals(Files.readString(a.resolve("testlist01.txt")), Files.readString(c.resolve("testlist01.txt")));
    }

    @ParameterizedTest
    @EnumSource(SyntheticSettings.Container.class)
    void writesUcf101StyleSplitFilesAndDecodableVideos(SyntheticSettings.Container container) throws Exception {
        SyntheticSettings settings = new SyntheticSettings(3, 6, 9, 40, 52, container, 0.34, 3);
        Path root = SyntheticMotionDataset.generate(settings, dir.resolve("ds"), Progress.NONE);

        List<String> classInd = Files.readAllLines(root.resolve("classInd.txt"));
        assertEquals(List.of("1 MoveRight", "2 MoveLeft", "3 MoveUp"), classInd);
        Map<String, Integer> labels = new HashMap<>();
        for (String line : classInd) {
            String[] parts = line.split(" ");
            labels.put(parts[1], Integer.parseInt(parts[0]));
        }
        String ext = container.extension();
        Pattern trainLine = Pattern.compile("([A-Za-z]+)/v_\\1_g(\\d\\d)_c(\\d\\d)\\." + ext + " (\\d+)");
        Pattern testLine = Pattern.compile("([A-Za-z]+)/v_\\1_g(\\d\\d)_c(\\d\\d)\\." + ext);
        Set<String> train = new HashSet<>();
        Map<String, Integer> testPerClass = new HashMap<>();
        for (String line : Files.readAllLines(root.resolve("trainlist01.txt"))) {
            Matcher m = trainLine.matcher(line);
            assertTrue(m.matches(), "train line: " + line);
            assertEquals(
                    labels.get(m.group(1)), Integer.parseInt(m.group(4)), "label follows the class folder: " + line);
            train.add(line.substring(0, line.lastIndexOf(' ')));
        }
        Set<String> test = new HashSet<>();
        for (String line : Files.readAllLines(root.resolve("testlist01.txt"))) {
            Matcher m = testLine.matcher(line);
            assertTrue(m.matches(), "test line without label: " + line);
            test.add(line);
            testPerClass.merge(m.group(1), 1, Integer::sum);
        }
        assertEquals(18, train.size() + test.size());
        assertTrue(java.util.Collections.disjoint(train, test));
        assertEquals(
                Map.of("MoveRight", 2, "MoveLeft", 2, "MoveUp", 2),
                testPerClass,
                "stratified: round(0.34 * 6) per class");

        Set<String> all = new HashSet<>(train);
        all.addAll(test);
        try (Stream<Path> files = Files.walk(root)) {
            List<String> videos = files.filter(p -> p.toString().endsWith("." + ext))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
            assertEquals(all, new HashSet<>(videos), "every listed video exists and every video is listed");
        }
        for (String video : all) {
            assertEquals(9, VideoProbe.countFrames(root.resolve(video)), video);
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(root), siblings.toList(), "no temporary folder left beside the dataset");
        }
    }

    @ParameterizedTest
    @EnumSource(SyntheticSettings.Container.class)
    void decodedVideosShowTheRenderedPixelsAlsoAtOddSizes(SyntheticSettings.Container container) throws Exception {
        SyntheticSettings settings = new SyntheticSettings(2, 2, 6, 41, 53, container, 0.5, 4);
        Path root = SyntheticMotionDataset.generate(settings, dir.resolve("odd"), Progress.NONE);
        Path video =
                root.resolve("MoveLeft/" + SyntheticMotionDataset.videoId("MoveLeft", 1) + "." + container.extension());
        VideoProbe.VideoInfo info = VideoProbe.probe(video);
        assertEquals(54, info.width(), "odd width stored one column wider");
        assertEquals(42, info.height(), "odd height stored one row higher");

        // decode at the stored size, so no resampling blurs the comparison
        VideoEntry entry = new VideoEntry("v", "MoveLeft", 1, Split.TRAIN, video, -1);
        ExtractionResult result = new FrameExtractor(new FrameExtractionSettings(42, 54, 100, 1))
                .extract(List.of(entry), dir.resolve("frames"), Progress.NONE)
                .get(0);
        assertEquals(6, result.frameCount());
        List<byte[]> rendered = SyntheticMotionDataset.renderFrames(settings, 1, 1);
        for (int t = 0; t < 6; t++) {
            try (Mat decoded = imread(result.frameFolder()
                    .resolve(FrameExtractor.frameFileName(t + 1))
                    .toString())) {
                byte[] pixels = new byte[42 * 54 * 3];
                decoded.data().get(pixels);
                double error = 0;
                for (int y = 0; y < 41; y++) {
                    for (int i = 0; i < 53 * 3; i++) {
                        error += Math.abs((pixels[y * 54 * 3 + i] & 0xFF) - (rendered.get(t)[y * 53 * 3 + i] & 0xFF));
                    }
                }
                assertTrue(error / (41 * 53 * 3) < 15, "frame " + t + " mean absolute error " + error / (41 * 53 * 3));
            }
        }
    }

    @Test
    void appearanceDoesNotTellTheClass() {
        // first frames of many videos per class: colour statistics must agree across classes
        SyntheticSettings settings =
                new SyntheticSettings(15, 150, 2, 24, 24, SyntheticSettings.Container.MP4, 0.25, 11);
        double[][] classMeans = new double[settings.classes()][3];
        double[] overall = new double[3];
        for (int c = 0; c < settings.classes(); c++) {
            for (int v = 0; v < settings.videosPerClass(); v++) {
                byte[] frame =
                        SyntheticMotionDataset.renderFrames(settings, c, v).get(0);
                for (int i = 0; i < frame.length; i++) {
                    classMeans[c][i % 3] += (frame[i] & 0xFF) / (frame.length / 3.0) / settings.videosPerClass();
                }
            }
            for (int ch = 0; ch < 3; ch++) {
                overall[ch] += classMeans[c][ch] / settings.classes();
            }
        }
        for (int c = 0; c < settings.classes(); c++) {
            for (int ch = 0; ch < 3; ch++) {
                // a video's mean colour has a spread of about 60; over 150 videos the class mean varies by about 5
                assertEquals(overall[ch], classMeans[c][ch], 20, "class " + c + " channel " + ch);
            }
        }
    }

    @Test
    void everyClassMovesAndClassesDifferInMotion() {
        SyntheticSettings settings = new SyntheticSettings(15, 2, 6, 48, 64, SyntheticSettings.Container.MP4, 0.5, 5);
        for (int c = 0; c < settings.classes(); c++) {
            List<byte[]> frames = SyntheticMotionDataset.renderFrames(settings, c, 0);
            assertEquals(6, frames.size());
            assertEquals(48 * 64 * 3, frames.get(0).length);
            assertTrue(changedPixels(frames.get(0), frames.get(5)) > 20, MotionPattern.values()[c] + " shows motion");
        }
    }

    @Test
    void motionSpeedScalesTheMotionAndKeepsTheAppearance() throws Exception {
        SyntheticSettings slow = new SyntheticSettings(4, 3, 9, 48, 64, SyntheticSettings.Container.MP4, 0.5, 5);
        SyntheticSettings fast = slow.withMotionSpeed(2);
        int moveRight = MotionPattern.MOVE_RIGHT.ordinal();
        for (int v = 0; v < slow.videosPerClass(); v++) {
            List<byte[]> slowFrames = SyntheticMotionDataset.renderFrames(slow, moveRight, v);
            List<byte[]> fastFrames = SyntheticMotionDataset.renderFrames(fast, moveRight, v);
            // same video, same start: only the pixel noise may differ (at most 24 levels, below the threshold)
            assertEquals(0, changedPixels(slowFrames.get(0), fastFrames.get(0)), "video " + v + " frame 0");
            // twice as fast: frame 2 shows the object where the default speed has it at frame 4
            assertEquals(0, changedPixels(slowFrames.get(4), fastFrames.get(2)), "video " + v);
            assertTrue(changedPixels(slowFrames.get(2), fastFrames.get(2)) > 10, "video " + v + " moved farther");
        }
        // a dataset of another speed is another dataset: the folder is not reused for it
        Path root = SyntheticMotionDataset.generate(slow, dir.resolve("speed"), Progress.NONE);
        IOException other =
                assertThrows(IOException.class, () -> SyntheticMotionDataset.generate(fast, root, Progress.NONE));
        assertTrue(other.getMessage().contains("not empty"), other.getMessage());
        assertTrue(slow.withMotionSpeed(0.1).problems().get(0).startsWith("Motion speed is 0.1"));
    }

    @Test
    void existingDatasetIsReusedAndOtherFoldersAreRefused() throws Exception {
        Path root = SyntheticMotionDataset.generate(SMALL, dir.resolve("ds"), Progress.NONE);
        var stamp = Files.getLastModifiedTime(root.resolve("trainlist01.txt"));
        assertEquals(root, SyntheticMotionDataset.generate(SMALL, root, Progress.NONE));
        assertEquals(stamp, Files.getLastModifiedTime(root.resolve("trainlist01.txt")));

        IOException otherSettings = assertThrows(
                IOException.class, () -> SyntheticMotionDataset.generate(SMALL.withSeed(99), root, Progress.NONE));
        assertTrue(otherSettings.getMessage().contains("not empty"), otherSettings.getMessage());

        Files.createDirectories(dir.resolve("empty"));
        assertTrue(Files.isRegularFile(SyntheticMotionDataset.generate(SMALL, dir.resolve("empty"), Progress.NONE)
                .resolve("classInd.txt")));
    }

    @Test
    void cancellationLeavesNothingBehind() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        Progress cancelSoon = new Progress() {
            @Override
            public void report(double fraction, String message) {}

            @Override
            public boolean isCancelled() {
                return checks.incrementAndGet() > 6;
            }
        };
        Path target = dir.resolve("cancelled");
        assertThrows(CancelledException.class, () -> SyntheticMotionDataset.generate(SMALL, target, cancelSoon));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void settingsValidation() {
        assertTrue(SyntheticSettings.DEFAULTS.problems().isEmpty());
        assertEquals(10, SyntheticSettings.DEFAULTS.classes());
        assertEquals(24, SyntheticSettings.DEFAULTS.videosPerClass());
        assertEquals(48, SyntheticSettings.DEFAULTS.frames());
        assertTrue(MotionPattern.values().length >= 12);
        SyntheticSettings tooMany = new SyntheticSettings(
                MotionPattern.values().length + 1, 24, 48, 128, 171, SyntheticSettings.Container.MP4, 0.25, 1);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SyntheticMotionDataset.generate(tooMany, dir.resolve("x"), Progress.NONE));
        assertTrue(e.getMessage().contains("Classes is 16"), e.getMessage());
        assertEquals(
                2,
                new SyntheticSettings(10, 1, 48, 128, 171, SyntheticSettings.Container.AVI, 1.0, 1)
                        .problems()
                        .size());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    private static int changedPixels(byte[] a, byte[] b) {
        int changed = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)) > 60) {
                changed++;
            }
        }
        return changed;
    }

    private static byte[] firstFrameJpeg(Path video, Path out) throws IOException {
        VideoEntry entry = new VideoEntry("v", "c", 0, Split.TRAIN, video, -1);
        ExtractionResult result = new FrameExtractor(new FrameExtractionSettings(48, 62, 95, 1))
                .extract(List.of(entry), out, Progress.NONE)
                .get(0);
        assertTrue(result.ok(), result.error());
        return Files.readAllBytes(result.frameFolder().resolve(FrameExtractor.frameFileName(1)));
    }
}
