package org.vidssl.torch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.pretrain.EpochRecord;

/** The one checkpoint format of pretraining and fine-tuning: exact round trip, atomic writes, clear refusals. */
class TrainingCheckpointTest {

    @TempDir
    Path dir;

    private static TrainingCheckpoint<EpochRecord> checkpoint(int epoch, int arrays, int values) {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        for (int i = 0; i < arrays; i++) {
            float[] data = new float[values];
            Arrays.fill(data, epoch);
            a.put("model/layer" + i + ".weight", new NpyArray(new long[] {values}, data));
        }
        List<EpochRecord> history = java.util.stream.IntStream.rangeClosed(1, epoch)
                .mapToObj(e -> new EpochRecord(e, 1.0 / e, 0.5, 0.25, Double.NaN, 0.1, 2.5, 3))
                .toList();
        return new TrainingCheckpoint<>(
                epoch, "key", history, Map.of("best", new double[] {0.1 + 0.2, Double.POSITIVE_INFINITY}), a);
    }

    @Test
    void roundTripIsExactAndLeavesOnlyTheFile() throws IOException {
        Path file = dir.resolve("checkpoint.zip");
        TrainingCheckpoint<EpochRecord> written = checkpoint(3, 2, 5);
        written.write(file);
        TrainingCheckpoint<EpochRecord> read = TrainingCheckpoint.read(file, EpochRecord.class);
        assertEquals(3, read.epoch());
        assertEquals("key", read.settings());
        assertEquals(written.history().toString(), read.history().toString(), "NaN survives too");
        assertArrayEquals(
                new double[] {0.1 + 0.2, Double.POSITIVE_INFINITY},
                read.number("best", file),
                "numbers are exact doubles (scheduler states, learning rates)");
        assertEquals(written.arrays(), read.arrays());
        assertEquals(
                List.of("layer0.weight", "layer1.weight"),
                List.copyOf(read.group("model").keySet()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> read.number("scheduler/0", file));
        assertTrue(
                missing.getMessage().startsWith("Checkpoint " + file + " lacks 'scheduler/0'"), missing.getMessage());
    }

    /** Checkpoints of the two formats before this one (pretraining's, fine-tuning's) are refused, not misread. */
    @Test
    void checkpointsOfEarlierFormatsAreRefusedSayingToStartAgain() throws IOException {
        for (String json : List.of(
                "{\"format\": 1, \"epoch\": 2}",
                "{\"format\": \"vidssl-finetune-checkpoint\", \"formatVersion\": 1, \"epoch\": 2}")) {
            Path file = dir.resolve("old.zip");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                zip.putNextEntry(new ZipEntry("checkpoint.json"));
                zip.write(json.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            IOException e = assertThrows(IOException.class, () -> TrainingCheckpoint.read(file, EpochRecord.class));
            assertTrue(
                    e.getMessage()
                            .startsWith("Checkpoint " + file + " was written by another vidssl version" + " (format "),
                    e.getMessage());
            assertTrue(
                    e.getMessage()
                            .endsWith("which this version does not resume: delete it to start the run" + " again."),
                    e.getMessage());
        }
    }

    @Test
    void damagedFilesAreRefusedNamingTheFile() throws IOException {
        Path good = dir.resolve("good.zip");
        checkpoint(2, 3, 1000).write(good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path text = dir.resolve("text.zip");
        Files.writeString(text, "not a real checkpoint");
        // an array entry whose header declares far more data than the file holds: refused before allocating
        Path huge = dir.resolve("huge.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(huge))) {
            zip.putNextEntry(new ZipEntry("checkpoint.json"));
            zip.write(("{\"format\": \"" + TrainingCheckpoint.FORMAT + "\", \"formatVersion\": "
                            + TrainingCheckpoint.VERSION + ", \"epoch\": 1, \"settings\": \"key\", \"history\": [],"
                            + " \"numbers\": {}, \"arrays\": [\"a\"]}")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("arrays/0.npy"));
            String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }";
            writeNpyHeader(zip, header);
            zip.closeEntry();
        }
        for (Path file : List.of(truncated, text, huge)) {
            IOException e = assertThrows(IOException.class, () -> TrainingCheckpoint.read(file, EpochRecord.class));
            assertTrue(e.getMessage().startsWith("Checkpoint " + file), e.getMessage());
            assertTrue(e.getMessage().contains("start the run again"), e.getMessage());
        }
    }

    private static void writeNpyHeader(OutputStream out, String dict) throws IOException {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(h.length() & 0xFF);
        out.write(h.length() >> 8);
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Fault injection: a process killed (kill -9) while it writes a checkpoint leaves the one before intact; the
     * partial file it was writing never takes the checkpoint's place.
     */
    @Test
    void aKilledWriteNeverReplacesTheLastGoodCheckpoint() throws Exception {
        // the checkpoint in place is read (and must be whole) after every kill; the leftover must be a partial file
        Path file = dir.resolve("checkpoint.zip");
        for (int attempt = 0; ; attempt++) {
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            KeepWriting.class.getName(),
                            file.toString())
                    .redirectErrorStream(true)
                    .start();
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("wrote 1", out.readLine()); // one whole checkpoint is there; now it writes more
                Thread.sleep(100 + 50 * attempt);
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            }
            TrainingCheckpoint<EpochRecord> c = TrainingCheckpoint.read(file, EpochRecord.class);
            for (NpyArray a : c.arrays().values()) {
                for (float v : a.data()) {
                    assertEquals(c.epoch(), v, "every array of epoch " + c.epoch() + " complete");
                }
            }
            assertEquals(KeepWriting.ARRAYS, c.arrays().size());
            List<Path> partial;
            try (var files = Files.list(dir)) {
                partial = files.filter(f -> !f.equals(file)).toList();
            }
            assertTrue(partial.size() <= 1, partial.toString());
            boolean midWrite = !partial.isEmpty() && !readable(partial.get(0));
            if (!midWrite && attempt < 10) {
                // killed between two writes, or after a temporary file was complete but before its move (it is
                // then a whole checkpoint, never the one in place): try again to kill one mid-write
                for (Path p : partial) {
                    Files.delete(p);
                }
                continue;
            }
            assertTrue(midWrite, "the kill never hit a write in progress: " + partial);
            assertTrue(partial.get(0).getFileName().toString().startsWith(".checkpoint.zip."), partial.toString());
            return;
        }
    }

    /** The child process of the test above: writes checkpoints of epoch 1, 2, ... until it is killed. */
    public static final class KeepWriting {
        static final int ARRAYS = 16;

        public static void main(String[] args) throws IOException {
            Path file = Path.of(args[0]);
            for (int epoch = 1; ; epoch++) {
                checkpoint(epoch, ARRAYS, 1 << 20).write(file);
                System.out.println("wrote " + epoch);
                System.out.flush();
            }
        }
    }

    /** The resume key: every setting except those a resumed run may change, so a new setting cannot be missed. */
    @Test
    void theSettingsKeyHoldsEverySettingButTheResumableOnes() {
        FinetuneSettings s = FinetuneSettings.DEFAULTS;
        Set<String> resumable = Set.of("epochs", "device", "threads", "checkpointDir", "checkpointInterval");
        assertEquals(resumable, TrainingCheckpoint.RESUMABLE_SETTINGS);
        String key = TrainingCheckpoint.settingsKey(s, "classes [a, b]");
        for (var c : FinetuneSettings.class.getRecordComponents()) {
            assertEquals(!resumable.contains(c.getName()), key.contains(c.getName() + "="), c.getName());
        }
        assertTrue(key.endsWith("\nrun=classes [a, b]"), key);
        assertEquals(key, TrainingCheckpoint.settingsKey(s, "classes [a, b]"), "stable");
        String other = TrainingCheckpoint.settingsKey(
                new FinetuneSettings(
                        s.model(),
                        s.modality(),
                        3,
                        s.batchSize(),
                        0.5,
                        s.finetuneLearningRate(),
                        s.momentum(),
                        s.weightDecay(),
                        s.validationVideos(),
                        s.plateauPatience(),
                        s.plateauFactor(),
                        s.minLearningRate(),
                        s.seed(),
                        s.clipLength(),
                        s.cropSize(),
                        s.testClips(),
                        "cuda",
                        7,
                        Path.of("x"),
                        9,
                        s.width()),
                "classes [a, c]");
        assertEquals(
                "learningRate " + s.learningRate() + " there, 0.5 now; run classes [a, b] there, classes [a, c]"
                        + " now",
                TrainingCheckpoint.differences(key, other),
                "epochs, device, threads, folder may change");
    }

    private static boolean readable(Path checkpoint) {
        try {
            TrainingCheckpoint.read(checkpoint, EpochRecord.class);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
