package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.io.RunLock;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;

class PretrainCommandTest {

    @TempDir
    static Path shared;

    static Path videos;

    @TempDir
    Path dir;

    @BeforeAll
    static void tinySet() throws IOException {
        videos = TinyDataset.generate(shared.resolve("tiny"));
    }

    private static String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("pretrain", "--dataset", videos.toString()));
        a.addAll(List.of(TinyDataset.clipOptions()));
        a.addAll(List.of(
                "--model",
                "r3d",
                "--width",
                "4",
                "--objective",
                "simclr",
                "--normalize",
                "--batch-size",
                "4",
                "--lr",
                "0.03",
                "--threads",
                "2"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** Another run holds the output file or the checkpoint folder: exit 1, one line naming the lock, no output. */
    @Test
    void aRunOnAnOutputOrCheckpointFolderInUseFailsClearly() {
        Path encoder = dir.resolve("iic.vidssl");
        Path checkpoints = dir.resolve("ckpt");
        try (RunLock other = RunLock.outputFile(encoder)) {
            CliRun r = CliRun.of(args("--epochs", "1", "--output", encoder.toString()));
            assertEquals(1, r.exit(), r.toString());
            String expected = "vidssl pretrain: Output " + encoder + " is in use by another run (lock file "
                    + other.file() + "); wait for it or choose another output file.";
            assertTrue(r.errLine().endsWith(expected), r.errLine()); // after the progress bar
        }
        try (RunLock other = RunLock.folder(checkpoints, "Checkpoint folder")) {
            CliRun r = CliRun.of(
                    args("--epochs", "1", "--output", encoder.toString(), "--checkpoint-dir", checkpoints.toString()));
            assertEquals(1, r.exit(), r.toString());
            String expected = "vidssl pretrain: Checkpoint folder " + checkpoints + " is in use by another run (lock"
                    + " file " + other.file() + "); wait for it or choose another folder.";
            assertTrue(r.errLine().endsWith(expected), r.errLine());
        }
        assertFalse(Files.exists(encoder), "nothing written");
    }

    @Test
    void bothTrainingCommandsDocumentTheirCheckpointInterval() {
        assertTrue(CliRun.of("pretrain", "--help").out().contains("--checkpoint-every"));
        String finetune = CliRun.of("finetune", "--help").out().replaceAll("\\s+", " ");
        assertTrue(finetune.contains("--checkpoint-every=N"), finetune);
        assertTrue(
                finetune.contains(
                        "so a kill loses at most that many epochs; the reference writes every 20. " + "Default: 1."),
                finetune);
    }

    @Test
    void pretrainsWritesAnEncoderAndResumesFromItsCheckpoint() throws IOException {
        Path encoder = dir.resolve("iic.vidssl");
        Path checkpoints = dir.resolve("ckpt");
        CliRun first = CliRun.of(
                args("--epochs", "1", "--output", encoder.toString(), "--checkpoint-dir", checkpoints.toString()));
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.err().contains("epoch 1: last step loss"), "one line per epoch on stderr: " + first.err());
        EncoderHeader h = EncoderFile.readHeader(encoder);
        assertEquals(Backbone.R3D, h.architecture());
        assertEquals(4, h.width());
        assertEquals(1, h.epoch());
        assertEquals("res", h.modality());
        assertEquals("0.03", h.training().get("learningRate"));
        assertEquals("simclr", h.training().get("objective"));
        assertEquals("tiny", h.provenance().get("dataset"));

        // the same resume rule as the KNIME nodes: a folder holding a checkpoint needs --resume, never a silent restart
        CliRun again = CliRun.of(
                args("--epochs", "2", "--output", encoder.toString(), "--checkpoint-dir", checkpoints.toString()));
        assertEquals(2, again.exit(), again.toString());
        assertTrue(
                again.errLine()
                        .startsWith("vidssl pretrain: Checkpoint folder '" + checkpoints + "' holds a"
                                + " checkpoint (checkpoint.zip): add --resume to continue it, or delete it or choose"
                                + " another folder to"
                                + " start over."),
                again.errLine());
        CliRun otherSettings = CliRun.of(args(
                "--epochs",
                "2",
                "--output",
                encoder.toString(),
                "--checkpoint-dir",
                checkpoints.toString(),
                "--resume",
                "--momentum",
                "0.5"));
        assertEquals(1, otherSettings.exit(), otherSettings.toString());
        assertTrue(
                otherSettings.errLine().contains("was written by a run with other settings"), otherSettings.errLine());
        assertEquals(1, EncoderFile.readHeader(encoder).epoch(), "the refused runs left the encoder alone");
        CliRun resumed = CliRun.of(args(
                "--epochs",
                "2",
                "--output",
                encoder.toString(),
                "--checkpoint-dir",
                checkpoints.toString(),
                "--resume"));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertFalse(resumed.err().contains("epoch 1:"), "epoch 1 comes from the checkpoint: " + resumed.err());
        assertTrue(
                resumed.out().lines().anyMatch(l -> l.startsWith("1 "))
                        && resumed.out().lines().anyMatch(l -> l.startsWith("2 ")),
                "the history table has both epochs: " + resumed.out());
        assertEquals(2, EncoderFile.readHeader(encoder).epoch());
    }

    @Test
    void badSettingsAndMissingFlowAreNamed() {
        Path encoder = dir.resolve("x.vidssl");
        CliRun momentum = CliRun.of(args("--epochs", "1", "--momentum", "1.5", "--output", encoder.toString()));
        assertEquals(2, momentum.exit(), momentum.toString());
        assertTrue(momentum.errLine().startsWith("vidssl pretrain: Momentum is 1.5"), momentum.errLine());

        CliRun flow = CliRun.of(args("--epochs", "1", "--modality", "u", "--output", encoder.toString()));
        assertEquals(1, flow.exit(), flow.toString());
        assertTrue(flow.errLine().contains("needs optical flow"), flow.errLine());

        CliRun resume = CliRun.of(args("--epochs", "1", "--resume", "--output", encoder.toString()));
        assertEquals(2, resume.exit(), resume.toString());
        assertTrue(resume.errLine().contains("--resume needs a checkpoint"), resume.errLine());
        assertFalse(Files.exists(encoder));
    }
}
