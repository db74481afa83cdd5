package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.video.decode.FrameExtractor;

/** synth, dataset and decode on the tiny synthetic set. */
class DataCommandsTest {

    @TempDir
    static Path shared;

    static Path videos;

    @TempDir
    Path dir;

    @BeforeAll
    static void tinySet() throws IOException {
        videos = TinyDataset.generate(shared.resolve("tiny"));
    }

    @Test
    void synthWritesADatasetAndPrintsItsSummary() {
        Path out = dir.resolve("synth");
        CliRun r = CliRun.of(
                "synth",
                "--output",
                out.toString(),
                "--classes",
                "2",
                "--videos-per-class",
                "2",
                "--frames",
                "4",
                "--height",
                "16",
                "--width",
                "24",
                "--container",
                "avi",
                "--seed",
                "3");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("MoveRight, MoveLeft"), r.out());
        VideoDataset d = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(out), Progress.NONE);
        assertEquals(4, d.videos().size());
        assertTrue(d.videos().get(0).source().toString().endsWith(".avi"));
    }

    @Test
    void synthRejectsABadSetting() {
        CliRun r = CliRun.of("synth", "--output", dir.resolve("s").toString(), "--classes", "99");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.errLine().startsWith("vidssl synth: Classes is 99"), r.errLine());
        assertFalse(Files.exists(dir.resolve("s")));
    }

    @Test
    void datasetPrintsClassesAndSplitSizes() {
        CliRun r = CliRun.of("dataset", "--dataset", videos.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("3 classes, 9 train and 3 test videos"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("MoveRight\\s+1\\s+3\\s+1")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("total\\s+9\\s+3")), r.out());
    }

    @Test
    void datasetWithAMissingVideoListsTheProblemAndStrictFails() throws IOException {
        Path copy = dir.resolve("copy");
        org.apache.commons.io.FileUtils.copyDirectory(videos.toFile(), copy.toFile());
        Path gone;
        try (var files = Files.walk(copy.resolve("MoveLeft"))) {
            gone = files.filter(f -> f.toString().endsWith(".mp4")).findFirst().orElseThrow();
        }
        Files.delete(gone);
        CliRun lenient = CliRun.of("dataset", "--dataset", copy.toString());
        assertEquals(0, lenient.exit(), lenient.toString());
        assertTrue(
                lenient.out().contains("1 problem(s)")
                        && lenient.out().contains(gone.getFileName().toString().replace(".mp4", "")),
                lenient.out());
        CliRun strict = CliRun.of("dataset", "--dataset", copy.toString(), "--strict");
        assertEquals(2, strict.exit(), strict.toString());
    }

    @Test
    void datasetThatDoesNotExistIsNamed() {
        CliRun r = CliRun.of("dataset", "--dataset", dir.resolve("nowhere").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.errLine().startsWith("vidssl dataset: ") && r.errLine().contains("nowhere"), r.errLine());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void decodeWritesFrameFoldersThatReadBackAsTheSameDataset() throws IOException {
        Path frames = dir.resolve("frames");
        CliRun r = CliRun.of(
                "decode",
                "--dataset",
                videos.toString(),
                "--output",
                frames.toString(),
                "--height",
                "24",
                "--width",
                "32",
                "--threads",
                "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("12\\s+12\\s+0\\s+0\\s+144\\s+[0-9.]+")), r.out());
        VideoDataset d = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(frames), Progress.NONE);
        assertEquals(12, d.videos().size());
        assertTrue(
                d.videos().stream().allMatch(v -> v.isFrameFolder() && v.frameCount() == 12),
                d.videos().toString());
        assertTrue(Files.exists(d.videos().get(0).source().resolve(FrameExtractor.frameFileName(12))));

        CliRun again = CliRun.of(
                "decode",
                "--dataset",
                videos.toString(),
                "--output",
                frames.toString(),
                "--height",
                "24",
                "--width",
                "32");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(
                again.out().lines().anyMatch(l -> l.matches("12\\s+0\\s+12\\s+0\\s+144\\s+[0-9.]+")),
                "resume: " + again.out());
    }

    @Test
    void decodeRejectsABadFrameSize() {
        CliRun r = CliRun.of(
                "decode",
                "--dataset",
                videos.toString(),
                "--output",
                dir.resolve("f").toString(),
                "--height",
                "2");
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.errLine().contains("Frame size 2x171"), r.errLine());
    }

    /** decode --flow, then pretraining with the u view reads the flow it wrote: flow from raw videos end to end. */
    @Test
    void decodeWithFlowFeedsPretrainingOnTheFlowView() throws IOException {
        Path frames = dir.resolve("frames");
        CliRun r = CliRun.of(
                "decode",
                "--dataset",
                videos.toString(),
                "--output",
                frames.toString(),
                "--height",
                "32",
                "--width",
                "43",
                "--threads",
                "2",
                "--flow",
                "farneback");
        assertEquals(0, r.exit(), r.toString());
        Path flow = dir.resolve("frames-flow");
        assertTrue(r.out().contains("farneback flow in " + flow.toAbsolutePath()), r.out());
        VideoDataset d = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(frames), Progress.NONE);
        for (var v : d.videos()) {
            for (String component : new String[] {"u", "v"}) {
                Path folder = flow.resolve(component).resolve(v.className()).resolve(v.videoId());
                assertEquals(11, FrameExtractor.countFrames(folder), "12 frames give 11 flow frames in " + folder);
            }
        }

        CliRun again = CliRun.of(
                "decode",
                "--dataset",
                videos.toString(),
                "--output",
                frames.toString(),
                "--height",
                "32",
                "--width",
                "43",
                "--flow",
                "farneback");
        assertTrue(
                again.out().lines().anyMatch(l -> l.matches("12\\s+0\\s+12\\s+0\\s+144\\s+[0-9.]+")),
                "resume: " + again.out());

        Path encoder = dir.resolve("u.vidssl");
        List<String> pretrain = new ArrayList<>(List.of(
                "pretrain",
                "--dataset",
                frames.toString(),
                "--flow",
                flow.toString(),
                "--modality",
                "u",
                "--epochs",
                "1",
                "--output",
                encoder.toString()));
        pretrain.addAll(List.of(TinyDataset.clipOptions()));
        pretrain.addAll(List.of(
                "--model",
                "r3d",
                "--width",
                "4",
                "--objective",
                "simclr",
                "--normalize",
                "--batch-size",
                "4",
                "--threads",
                "2"));
        CliRun trained = CliRun.of(pretrain.toArray(String[]::new));
        assertEquals(0, trained.exit(), trained.toString());
        assertEquals("u", EncoderFile.readHeader(encoder).modality());
    }

    @Test
    void decodeRejectsAnUnknownFlowMethod() {
        CliRun r = CliRun.of(
                "decode",
                "--dataset",
                videos.toString(),
                "--output",
                dir.resolve("f").toString(),
                "--flow",
                "brox");
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.errLine().contains("'brox'") && r.errLine().contains("tvl1"), r.errLine());
    }
}
