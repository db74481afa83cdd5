package org.vidssl.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.dataset.DatasetSettings.Layout;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;

class DatasetReaderTest {

    @TempDir
    Path tmp;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A frame folder with {@code frames} JPEG-named files (contents do not matter to the reader). */
    private static Path frames(Path dir, int frames) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= frames; i++) {
            Files.write(dir.resolve(String.format("frame%06d.jpg", i)), new byte[] {1});
        }
        return dir;
    }

    private static Path video(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {0, 0, 0, 1});
        return file;
    }

    private DatasetSettings splitFiles(Path root) {
        return DatasetSettings.DEFAULTS.withRoot(root);
    }

    private static Map<String, VideoEntry> byId(List<VideoEntry> videos) {
        return videos.stream().collect(Collectors.toMap(VideoEntry::videoId, Function.identity()));
    }

    /** UCF101-like lists: CRLF, BOM, trailing blanks, empty lines, the HandStandPushups spelling. */
    private Path ucfLike() throws IOException {
        Path root = tmp.resolve("ucf");
        write(root.resolve("classInd.txt"), "\uFEFF1 ApplyEyeMakeup\r\n2 HandstandPushups \r\n3 Skiing\r\n\r\n");
        write(
                root.resolve("trainlist01.txt"),
                "\uFEFFApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 1\r\n"
                        + "HandStandPushups/v_HandStandPushups_g08_c01.avi 2  \r\n"
                        + "\r\n"
                        + "Skiing/v_Skiing_g08_c01.avi 3\r\n"
                        + "Skiing/v_Skiing_g09_c01.avi 3\r\n"); // missing data
        write(
                root.resolve("testlist01.txt"),
                "ApplyEyeMakeup/v_ApplyEyeMakeup_g01_c01.avi\r\n"
                        + "HandStandPushups/v_HandStandPushups_g01_c01.avi\r\n"
                        + "Skiing/v_Skiing_g01_c01.avi\r\n");
        // flat frame folders, as the reference extracts them: root/<video_id>/frame000001.jpg
        frames(root.resolve("v_ApplyEyeMakeup_g08_c01"), 5);
        frames(root.resolve("v_HandstandPushups_g08_c01"), 7);
        frames(root.resolve("v_ApplyEyeMakeup_g01_c01"), 3);
        // class-folder video files
        video(root.resolve("Skiing/v_Skiing_g08_c01.avi"));
        video(root.resolve("HandstandPushups/v_HandstandPushups_g01_c01.avi"));
        frames(root.resolve("Skiing/v_Skiing_g01_c01"), 4);
        return root;
    }

    @Test
    void readsUcfLikeSplitFilesWithTheirQuirks() throws IOException {
        Path root = ucfLike();
        VideoDataset ds = DatasetReader.read(splitFiles(root), Progress.NONE);
        assertEquals(List.of("ApplyEyeMakeup", "HandstandPushups", "Skiing"), ds.classes());
        assertEquals("ucf", ds.name());

        List<VideoEntry> train = ds.videos(Split.TRAIN);
        assertEquals(
                List.of("v_ApplyEyeMakeup_g08_c01", "v_HandstandPushups_g08_c01", "v_Skiing_g08_c01"),
                train.stream().map(VideoEntry::videoId).toList());
        Map<String, VideoEntry> all = byId(ds.videos());
        VideoEntry hs = all.get("v_HandstandPushups_g08_c01");
        assertEquals(1, hs.classIndex());
        assertEquals("HandstandPushups", hs.className());
        assertEquals(7, hs.frameCount());
        assertTrue(hs.isFrameFolder());
        VideoEntry ski = all.get("v_Skiing_g08_c01");
        assertEquals(-1, ski.frameCount());
        assertEquals(root.resolve("Skiing/v_Skiing_g08_c01.avi"), ski.source());
        assertEquals(2, ski.classIndex());

        // test list without labels, class from the folder part, both layouts
        List<VideoEntry> test = ds.videos(Split.TEST);
        assertEquals(3, test.size());
        assertEquals(Split.TEST, all.get("v_HandstandPushups_g01_c01").split());
        assertEquals(1, all.get("v_HandstandPushups_g01_c01").classIndex());
        assertEquals(4, all.get("v_Skiing_g01_c01").frameCount());
        assertEquals(0, all.get("v_ApplyEyeMakeup_g01_c01").classIndex());

        // the one missing video is reported with file and line, not a crash
        assertEquals(1, ds.problems().size(), ds.problems().toString());
        DatasetProblem p = ds.problems().get(0);
        assertEquals(root.resolve("trainlist01.txt"), p.file());
        assertEquals(5, p.line());
        assertEquals("v_Skiing_g09_c01", p.videoId());
        assertTrue(p.toString().contains("trainlist01.txt:5"), p.toString());
        assertTrue(p.message().contains("remove the line"), p.message());
        assertEquals(3, ds.videos(Split.TRAIN).size());
        assertEquals(3, ds.classCounts(Split.TEST).length);
    }

    @Test
    void otherSplitAndUcfSplitFolder() throws IOException {
        Path root = tmp.resolve("ds");
        Path lists = root.resolve("ucfTrainTestlist");
        write(lists.resolve("classInd.txt"), "1 A\n2 B\n");
        write(lists.resolve("trainlist02.txt"), "A/a1.avi 1\nB/b1.avi 2\n");
        write(lists.resolve("testlist02.txt"), "B/b2.avi\n");
        video(root.resolve("A/a1.avi"));
        video(root.resolve("B/b1.mp4")); // listed as .avi, found under another extension
        frames(root.resolve("B/b2"), 2);
        VideoDataset ds = DatasetReader.read(splitFiles(root).withSplit(2), Progress.NONE);
        assertEquals(3, ds.videos().size());
        assertEquals(root.resolve("B/b1.mp4"), byId(ds.videos()).get("b1").source());
        assertTrue(ds.problems().isEmpty());
        // lists next to the root, as UCF101 unpacks (UCF-101/ and ucfTrainTestlist/ side by side)
        Path sibling = tmp.resolve("UCF-101");
        Files.move(lists, tmp.resolve("ucfTrainTestlist"));
        Files.move(root.resolve("A"), Files.createDirectories(sibling).resolve("A"));
        Files.move(root.resolve("B"), sibling.resolve("B"));
        assertEquals(
                3,
                DatasetReader.read(splitFiles(sibling).withSplit(2), Progress.NONE)
                        .videos()
                        .size());
        DatasetException e = assertThrows(
                DatasetException.class,
                () -> DatasetReader.read(splitFiles(sibling).withSplit(3), Progress.NONE));
        assertTrue(
                e.getMessage().contains("trainlist03.txt") && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void flatVideoFilesDotPrefixesAndALinkedRoot() throws IOException {
        Path real = tmp.resolve("real-hmdb");
        write(real.resolve("classInd.txt"), "1 brush_hair\n2 cartwheel\n");
        write(
                real.resolve("trainlist01.txt"),
                "./brush_hair/April_09_brush_hair_u_nm_np1_ba_goo_0.avi 1\n"
                        + "cartwheel//(Rad)Schlag_die_Bank!_cartwheel_f_cm_np1_le_med_0.avi 2\n");
        write(real.resolve("testlist01.txt"), "brush_hair/Aussie_Brush_Hair_brush_hair_h_nm_np1_ba_med_2.avi\n");
        video(real.resolve("April_09_brush_hair_u_nm_np1_ba_goo_0.mkv"));
        video(real.resolve("cartwheel/(Rad)Schlag_die_Bank!_cartwheel_f_cm_np1_le_med_0.avi"));
        frames(real.resolve("brush_hair/Aussie_Brush_Hair_brush_hair_h_nm_np1_ba_med_2"), 2);
        Path root = tmp.resolve("hmdb");
        try {
            Files.createSymbolicLink(root, real);
        } catch (UnsupportedOperationException | IOException e) {
            root = real;
        }
        VideoDataset ds = DatasetReader.read(splitFiles(root), Progress.NONE);
        assertTrue(ds.problems().isEmpty(), ds.problems().toString());
        Map<String, VideoEntry> ids = byId(ds.videos());
        assertEquals(
                root.resolve("April_09_brush_hair_u_nm_np1_ba_goo_0.mkv"),
                ids.get("April_09_brush_hair_u_nm_np1_ba_goo_0").source());
        assertEquals(
                1, ids.get("(Rad)Schlag_die_Bank!_cartwheel_f_cm_np1_le_med_0").classIndex());
        assertEquals(
                2, ids.get("Aussie_Brush_Hair_brush_hair_h_nm_np1_ba_med_2").frameCount());
    }

    @Test
    void labelDisagreeingWithFolderIsReportedAndFolderWins() throws IOException {
        Path root = tmp.resolve("labels");
        write(root.resolve("classInd.txt"), "1 A\n2 B\n");
        write(root.resolve("trainlist01.txt"), "A/a1.avi 2\nB/b1.avi x\nC/c1.avi 1\n");
        write(root.resolve("testlist01.txt"), "A/a2.avi 1\n");
        video(root.resolve("A/a1.avi"));
        video(root.resolve("A/a2.avi"));
        video(root.resolve("B/b1.avi"));
        VideoDataset ds = DatasetReader.read(splitFiles(root), Progress.NONE);
        assertEquals(0, byId(ds.videos()).get("a1").classIndex());
        assertEquals(1, byId(ds.videos()).get("b1").classIndex());
        assertEquals(3, ds.videos().size());
        assertEquals(
                List.of(1, 2, 3),
                ds.problems().stream().map(DatasetProblem::line).toList());
        assertTrue(ds.problems().get(0).message().contains("disagrees"));
        assertTrue(ds.problems().get(1).message().contains("not a whole number"));
        assertTrue(ds.problems().get(2).message().contains("not in classInd.txt"));
    }

    @Test
    void duplicatesAndEmptyFrameFoldersAreReported() throws IOException {
        Path root = tmp.resolve("dups");
        write(root.resolve("classInd.txt"), "1 A\n");
        write(root.resolve("trainlist01.txt"), "A/a1.avi 1\nA/a2.avi 1\n");
        write(root.resolve("testlist01.txt"), "A/a1.avi\n");
        frames(root.resolve("a1"), 2);
        Files.createDirectories(root.resolve("a2"));
        VideoDataset ds = DatasetReader.read(splitFiles(root), Progress.NONE);
        assertEquals(1, ds.videos().size());
        assertEquals(2, ds.problems().size());
        assertTrue(ds.problems().get(0).message().contains("no frame images"));
        assertEquals(root.resolve("testlist01.txt"), ds.problems().get(1).file());
        assertTrue(ds.problems().get(1).message().contains("already listed"));
    }

    @Test
    void pathTraversalIsRefused() throws IOException {
        Path root = tmp.resolve("trav");
        write(root.resolve("classInd.txt"), "1 A\n");
        write(root.resolve("testlist01.txt"), "");
        video(tmp.resolve("secret.avi"));
        for (String bad : List.of(
                "A/../../secret.avi 1",
                "../secret.avi 1",
                "A\\..\\..\\secret.avi 1",
                tmp.resolve("secret.avi") + " 1")) {
            write(root.resolve("trainlist01.txt"), "\n" + bad + "\n");
            DatasetException e = assertThrows(
                    DatasetException.class, () -> DatasetReader.read(splitFiles(root), Progress.NONE), bad);
            assertEquals(2, e.line());
            assertEquals(root.resolve("trainlist01.txt"), e.file());
            assertTrue(e.getMessage().contains("trainlist01.txt:2"), e.getMessage());
            assertTrue(e.getMessage().contains("relative to the dataset folder"), e.getMessage());
        }
        // an absolute path inside the root is fine
        video(root.resolve("A/a1.avi"));
        write(root.resolve("trainlist01.txt"), root.resolve("A/a1.avi") + " 1\n");
        assertEquals(
                1, DatasetReader.read(splitFiles(root), Progress.NONE).videos().size());
    }

    @Test
    void symlinkLeavingTheRootIsRefused() throws IOException {
        Path root = tmp.resolve("links");
        write(root.resolve("classInd.txt"), "1 A\n");
        write(root.resolve("trainlist01.txt"), "A/a1.avi 1\nA/a2.avi 1\n");
        write(root.resolve("testlist01.txt"), "");
        Path outside = frames(tmp.resolve("elsewhere/a1"), 3);
        frames(root.resolve("real/a2"), 3);
        Files.createDirectories(root.resolve("A"));
        try {
            Files.createSymbolicLink(root.resolve("A/a1"), outside);
            Files.createSymbolicLink(root.resolve("A/a2"), root.resolve("real/a2"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here");
        }
        DatasetException e =
                assertThrows(DatasetException.class, () -> DatasetReader.read(splitFiles(root), Progress.NONE));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("outside the dataset folder"), e.getMessage());
        // a link that stays inside the root is accepted
        write(root.resolve("trainlist01.txt"), "A/a2.avi 1\n");
        VideoDataset ds = DatasetReader.read(splitFiles(root), Progress.NONE);
        assertEquals(3, ds.videos().get(0).frameCount());
        // class-folder layout refuses the escaping link as well
        Files.createSymbolicLink(root.resolve("A/a3"), outside);
        assertThrows(
                DatasetException.class,
                () -> DatasetReader.read(splitFiles(root).withLayout(Layout.CLASS_FOLDERS), Progress.NONE));
    }

    @Test
    void malformedClassIndexStopsWithFileAndLine() throws IOException {
        Path root = tmp.resolve("bad");
        write(root.resolve("trainlist01.txt"), "");
        write(root.resolve("testlist01.txt"), "");
        Map<String, String> cases = Map.of(
                "1 A\nx B\n", ":2: Class index 'x'",
                "1 A\n1 B\n", ":2: Class index 1 is used twice",
                "1 A\n2 a\n", ":2: Class 'a' is already defined on line 1",
                "1 A\n3 B\n", "without gaps",
                "1 Apply Eye\n", ":1: Expected",
                "\n\n", "empty");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            write(root.resolve("classInd.txt"), c.getKey());
            DatasetException e =
                    assertThrows(DatasetException.class, () -> DatasetReader.read(splitFiles(root), Progress.NONE));
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            assertTrue(e.getMessage().contains("classInd.txt"), e.getMessage());
        }
    }

    @Test
    void latin1ListsAreRead() throws IOException {
        Path root = tmp.resolve("latin");
        write(root.resolve("classInd.txt"), "1 Caf\u00e9\n");
        Files.write(root.resolve("trainlist01.txt"), "Caf\u00e9/v1.avi 1\n".getBytes(StandardCharsets.ISO_8859_1));
        write(root.resolve("testlist01.txt"), "");
        video(root.resolve("Caf\u00e9/v1.avi"));
        assertEquals(
                1, DatasetReader.read(splitFiles(root), Progress.NONE).videos().size());
    }

    @Test
    void cancellationStopsReading() throws IOException {
        Path root = ucfLike();
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {}

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> DatasetReader.read(splitFiles(root), cancelled));
    }

    // ---------------------------------------------------------------- class folders

    private Path classFolders(int[] sizes) throws IOException {
        Path root = tmp.resolve("generic");
        for (int c = 0; c < sizes.length; c++) {
            for (int v = 0; v < sizes[c]; v++) {
                if (v % 2 == 0) {
                    video(root.resolve("class" + c + "/c" + c + "v" + v + (v % 4 == 0 ? ".mp4" : ".webm")));
                } else {
                    frames(root.resolve("class" + c + "/c" + c + "v" + v), 2);
                }
            }
        }
        return root;
    }

    @Test
    void classFoldersAreSplitPerClassDeterministically() throws IOException {
        int[] sizes = {10, 7, 3, 1};
        Path root = classFolders(sizes);
        write(root.resolve("class0/notes.txt"), "ignored");
        Files.createDirectories(root.resolve(".hidden"));
        DatasetSettings s = DatasetSettings.DEFAULTS
                .withRoot(root)
                .withLayout(Layout.CLASS_FOLDERS)
                .withTestFraction(0.3)
                .withSeed(5);
        VideoDataset a = DatasetReader.read(s, Progress.NONE);
        VideoDataset b = DatasetReader.read(s, Progress.NONE);
        assertEquals(a, b);
        assertEquals(List.of("class0", "class1", "class2", "class3"), a.classes());
        assertEquals(21, a.videos().size());
        // stratified: round(n * 0.3), at least one of each split from two videos on
        int[] test = a.classCounts(Split.TEST);
        int[] train = a.classCounts(Split.TRAIN);
        assertEquals(3, test[0]);
        assertEquals(2, test[1]);
        assertEquals(1, test[2]);
        assertEquals(0, test[3]);
        for (int c = 0; c < sizes.length; c++) {
            assertEquals(sizes[c], test[c] + train[c]);
        }
        VideoEntry v1 = byId(a.videos()).get("c0v1");
        assertEquals(2, v1.frameCount());
        assertEquals(0, v1.classIndex());
        assertEquals(-1, byId(a.videos()).get("c1v4").frameCount());
        assertTrue(a.videos().stream().filter(v -> !v.isFrameFolder()).allMatch(v -> v.frameCount() == -1));

        // another seed picks other test videos (for this data) but keeps the per-class counts
        boolean differs = false;
        for (long seed = 6; seed < 10 && !differs; seed++) {
            VideoDataset c = DatasetReader.read(s.withSeed(seed), Progress.NONE);
            assertEquals(List.of(test[0], test[1], test[2], test[3]), toList(c.classCounts(Split.TEST)));
            differs = !c.videos(Split.TEST).equals(a.videos(Split.TEST));
        }
        assertTrue(differs, "the seed has no effect on the split");
    }

    private static List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    @Test
    void videoIdsStayUniqueAcrossClassFolders() throws IOException {
        Path root = tmp.resolve("same");
        video(root.resolve("a/001.mp4"));
        video(root.resolve("b/001.mp4"));
        video(root.resolve("b/b_001.avi"));
        video(root.resolve("b/002.avi"));
        VideoDataset ds = DatasetReader.read(
                DatasetSettings.DEFAULTS.withRoot(root).withLayout(Layout.CLASS_FOLDERS), Progress.NONE);
        Map<String, VideoEntry> ids = byId(ds.videos());
        assertEquals(java.util.Set.of("001", "b_001", "002", "b_b_001"), ids.keySet());
        assertEquals(root.resolve("a/001.mp4"), ids.get("001").source());
        // the later class gets its name in front; the file really called b_001 then gets it too
        assertEquals(root.resolve("b/001.mp4"), ids.get("b_001").source());
        assertEquals(root.resolve("b/b_001.avi"), ids.get("b_b_001").source());
    }

    @Test
    void testCountRule() {
        assertEquals(0, DatasetReader.testCount(1, 0.5));
        assertEquals(1, DatasetReader.testCount(2, 0.01));
        assertEquals(1, DatasetReader.testCount(2, 0.99));
        assertEquals(30, DatasetReader.testCount(100, 0.3));
    }

    @Test
    void emptyClassFolderIsReportedAndEmptyRootRefused() throws IOException {
        Path root = classFolders(new int[] {3});
        Files.createDirectories(root.resolve("empty"));
        VideoDataset ds = DatasetReader.read(
                DatasetSettings.DEFAULTS.withRoot(root).withLayout(Layout.CLASS_FOLDERS), Progress.NONE);
        assertEquals(2, ds.classCount());
        assertEquals(1, ds.problems().size());
        assertTrue(ds.problems().get(0).message().contains("no videos"));
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        assertThrows(
                DatasetException.class,
                () -> DatasetReader.read(
                        DatasetSettings.DEFAULTS.withRoot(bare).withLayout(Layout.CLASS_FOLDERS), Progress.NONE));
    }

    @Test
    void settingsValidation() {
        assertFalse(DatasetSettings.DEFAULTS.problems().isEmpty());
        DatasetSettings ok = DatasetSettings.DEFAULTS.withRoot(tmp);
        assertTrue(ok.problems().isEmpty());
        assertTrue(ok.withSplit(4).problems().get(0).contains("Split is 4"));
        assertTrue(ok.withLayout(Layout.CLASS_FOLDERS)
                .withTestFraction(1)
                .problems()
                .get(0)
                .contains("Test fraction"));
        assertTrue(ok.withRoot(tmp.resolve("nope")).problems().get(0).contains("does not exist"));
        assertTrue(ok.withSplitDir(tmp.resolve("nope")).problems().get(0).contains("Split-file folder"));
        DatasetSettings missing = ok.withRoot(tmp.resolve("nope")).withSplitDir(tmp.resolve("gone"));
        assertTrue(missing.valueProblems().isEmpty(), "value checks must not look at the file system");
        assertEquals(
                2, missing.folderProblems().size(), missing.folderProblems().toString());
        assertTrue(missing.withSplit(4).valueProblems().get(0).contains("Split is 4"));
        assertThrows(IllegalArgumentException.class, () -> DatasetReader.read(ok.withSplit(0), Progress.NONE));
        assertNotEquals(ok, ok.withSeed(1));
    }
}
