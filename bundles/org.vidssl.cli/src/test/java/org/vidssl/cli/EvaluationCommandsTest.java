package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.finetune.ClassifierFile;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.ModelArchive;

/** extract, retrieve, finetune and predict on the tiny set, with a tiny encoder from pretrain. */
class EvaluationCommandsTest {

    @TempDir
    static Path shared;

    static Path videos;
    static Path encoder;

    @TempDir
    Path dir;

    @BeforeAll
    static void tinySetAndEncoder() throws IOException {
        videos = TinyDataset.generate(shared.resolve("tiny"));
        encoder = shared.resolve("iic.vidssl");
        List<String> a = new ArrayList<>(List.of("pretrain", "--dataset", videos.toString()));
        a.addAll(List.of(TinyDataset.clipOptions()));
        a.addAll(List.of(
                "--width",
                "4",
                "--objective",
                "in-batch",
                "--normalize",
                "--batch-size",
                "4",
                "--epochs",
                "1",
                "--lr",
                "0.03",
                "--threads",
                "2",
                "--output",
                encoder.toString()));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(TINY_GEOMETRY, EncoderFile.readHeader(encoder).input());
    }

    /** The tiny set's clips (TinyDataset.clipOptions): 8 frames resized to 32x43, cropped to 28. */
    static final InputSpec TINY_GEOMETRY = new InputSpec(8, 28, 28, 32, 43);

    @Test
    void extractThenRetrieveWritesEmbeddingsTheTableAndTheNeighbours() throws IOException {
        Path prefix = dir.resolve("emb");
        // no clip options: the encoder's clip length, resize and crop
        CliRun x = CliRun.of(
                "extract",
                "--dataset",
                videos.toString(),
                "--encoder",
                encoder.toString(),
                "--output",
                prefix.toString(),
                "--clips",
                "2",
                "--threads",
                "2");
        assertEquals(0, x.exit(), x.toString());
        EmbeddingSet set = EmbeddingSet.read(dir.resolve("emb.csv"), dir.resolve("emb.npy"));
        assertEquals(12, set.size());
        assertEquals(4 * 8, set.dimension(), "conv feature of a width-4 R3D at 8x28x28: 32 channels x 1 x 1 x 1");
        assertTrue(x.out().lines().anyMatch(l -> l.matches("12\\s+32\\s+2\\s+res\\s+conv\\s+[0-9.]+")), x.out());

        Path neighbours = dir.resolve("nn.csv");
        CliRun r = CliRun.of(
                "retrieve", "--embeddings", prefix.toString(), "--ks", "1,5", "--neighbours", neighbours.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("3 test videos query 9 train videos"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("5\\s+[0-9.]+\\s+\\d/3")), r.out());
        List<String> rows = Files.readAllLines(neighbours);
        assertEquals("query_id,query_class,rank,neighbour_id,neighbour_class,distance,same_class", rows.get(0));
        assertEquals(1 + 3 * 5, rows.size(), "5 neighbours for each of the 3 queries");
    }

    @Test
    void finetuneThenPredictWritesAClassifierAndPredictions() throws IOException {
        Path classifier = dir.resolve("clf.vidssl");
        // clip length, resize and crop come from the encoder
        List<String> a = new ArrayList<>(List.of(
                "finetune", "--dataset", videos.toString(), "--encoder", encoder.toString(), "--test-clips", "2"));
        a.addAll(List.of(
                "--epochs",
                "1",
                "--batch-size",
                "4",
                "--lr",
                "0.01",
                "--ft-lr",
                "0.01",
                "--val-videos",
                "3",
                "--threads",
                "2",
                "--output",
                classifier.toString()));
        CliRun f = CliRun.of(a.toArray(String[]::new));
        assertEquals(0, f.exit(), f.toString());
        assertEquals(3, ClassifierFile.readHeader(classifier).classes().size());
        assertEquals(TINY_GEOMETRY, ClassifierFile.readHeader(classifier).input(), "the geometry it trained with");
        assertTrue(f.out().lines().anyMatch(l -> l.startsWith("1 ")), "history table: " + f.out());

        Path predictions = dir.resolve("pred.csv");
        CliRun p = CliRun.of(
                "predict",
                "--dataset",
                videos.toString(),
                "--classifier",
                classifier.toString(),
                "--test-clips",
                "2",
                "--output",
                predictions.toString(),
                "--threads",
                "2");
        assertEquals(0, p.exit(), p.toString());
        assertTrue(p.out().contains("3 videos (3 scored)"), p.out());
        List<String> rows = Files.readAllLines(predictions);
        assertEquals(4, rows.size());
        assertTrue(rows.get(1).matches("v_\\w+,\\w+,\\w+,(true|false)"), rows.get(1));
    }

    /** The resume rule of the KNIME nodes: --resume continues a checkpoint when there is one, else starts anew. */
    @Test
    void finetuneContinuesItsCheckpointOnlyWithResume() throws IOException {
        Path classifier = dir.resolve("clf.vidssl");
        Path checkpoints = dir.resolve("ckpt");
        List<String> base = new ArrayList<>(List.of(
                "finetune",
                "--dataset",
                videos.toString(),
                "--encoder",
                encoder.toString(),
                "--test-clips",
                "2",
                "--batch-size",
                "4",
                "--lr",
                "0.01",
                "--ft-lr",
                "0.01",
                "--val-videos",
                "3",
                "--threads",
                "2",
                "--output",
                classifier.toString(),
                "--checkpoint-dir",
                checkpoints.toString(),
                "--resume"));
        CliRun first = CliRun.of(with(base, "--epochs", "1")); // an empty folder: a new run
        assertEquals(0, first.exit(), first.toString());
        List<String> withoutResume = new ArrayList<>(base);
        withoutResume.remove("--resume");
        CliRun again = CliRun.of(with(withoutResume, "--epochs", "2"));
        assertEquals(2, again.exit(), again.toString());
        assertTrue(
                again.errLine()
                        .startsWith("vidssl finetune: Checkpoint folder '" + checkpoints + "' holds a"
                                + " checkpoint (finetune-checkpoint.zip): add --resume to continue it, or delete it or"
                                + " choose another"
                                + " folder to start over."),
                again.errLine());
        CliRun resumed = CliRun.of(with(base, "--epochs", "2"));
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.out().lines().anyMatch(l -> l.startsWith("2 ")), "epoch 2 was trained: " + resumed.out());
        assertEquals(epochRow(first, 1), epochRow(resumed, 1), "epoch 1, its seconds too, comes from the checkpoint");
        CliRun other = CliRun.of(with(base, "--epochs", "3", "--momentum", "0.5"));
        assertEquals(1, other.exit(), other.toString());
        assertTrue(other.errLine().contains("was written by a run with other settings"), other.errLine());
    }

    private static String epochRow(CliRun run, int epoch) {
        return run.out()
                .lines()
                .filter(l -> l.startsWith(epoch + " "))
                .findFirst()
                .orElseThrow();
    }

    private static String[] with(List<String> base, String... extra) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void missingFilesAndBadSettingsAreNamed() {
        CliRun x = CliRun.of(
                "extract",
                "--dataset",
                videos.toString(),
                "--encoder",
                dir.resolve("none.vidssl").toString(),
                "--output",
                dir.resolve("e").toString());
        assertEquals(2, x.exit(), x.toString());
        assertTrue(x.errLine().contains("none.vidssl"), x.errLine());

        CliRun r = CliRun.of("retrieve", "--embeddings", dir.resolve("nothing").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.errLine().contains("nothing.csv") && r.errLine().contains("does not exist"), r.errLine());

        CliRun both = CliRun.of("retrieve", "--train", "a", "--embeddings", "b");
        assertEquals(2, both.exit(), both.toString());
        assertTrue(both.errLine().contains("either --embeddings"), both.errLine());

        CliRun f = CliRun.of(
                "finetune",
                "--dataset",
                videos.toString(),
                "--epochs",
                "0",
                "--output",
                dir.resolve("c").toString());
        assertEquals(2, f.exit(), f.toString());
        assertTrue(
                f.errLine().startsWith("vidssl finetune: ")
                        && f.errLine().toLowerCase().contains("epochs"),
                f.errLine());

        CliRun p = CliRun.of(
                "predict",
                "--dataset",
                videos.toString(),
                "--classifier",
                dir.resolve("gone.vidssl").toString());
        assertEquals(2, p.exit(), p.toString());
        assertTrue(p.errLine().contains("gone.vidssl"), p.errLine());
        assertFalse(Files.exists(dir.resolve("c")));
    }

    @Test
    void extractChangesNeitherFileWhenTheIndexCannotBeWritten() throws IOException {
        Path prefix = dir.resolve("emb");
        Files.writeString(dir.resolve("emb.npy"), "old vectors");
        Files.createDirectories(dir.resolve("emb.csv").resolve("in-the-way"));
        CliRun x = CliRun.of(
                "extract",
                "--dataset",
                videos.toString(),
                "--encoder",
                encoder.toString(),
                "--output",
                prefix.toString(),
                "--resize",
                "32x43",
                "--clips",
                "1",
                "--threads",
                "2");
        assertEquals(1, x.exit(), x.toString());
        assertTrue(x.errLine().startsWith("vidssl extract: Could not write " + dir.resolve("emb.csv")), x.errLine());
        assertEquals("old vectors", Files.readString(dir.resolve("emb.npy")), "the .npy is not replaced alone");
        assertFalse(x.err().contains("\r"), "no bar drawn when stderr is not a terminal: " + x.err());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void anEncoderWithNaNWeightsIsRejectedNamingTheTensor() throws IOException {
        ModelArchive archive = new ModelArchive("encoder", "an encoder");
        ModelArchive.Contents<String> c = archive.readAll(encoder, (json, file) -> json);
        Map<String, NpyArray> weights = new LinkedHashMap<>(c.weights());
        String tensor = weights.keySet().iterator().next();
        NpyArray first = weights.get(tensor);
        float[] data = first.data();
        Arrays.fill(data, Float.NaN);
        weights.put(tensor, new NpyArray(first.shape(), data));
        Path broken = dir.resolve("nan.vidssl");
        archive.write(broken, c.header(), weights);
        CliRun x = CliRun.of(
                "extract",
                "--dataset",
                videos.toString(),
                "--encoder",
                broken.toString(),
                "--output",
                dir.resolve("emb").toString(),
                "--resize",
                "32x43",
                "--clips",
                "1",
                "--threads",
                "2");
        assertEquals(1, x.exit(), x.toString());
        assertEquals(1, x.err().strip().lines().count(), x.err());
        assertTrue(
                x.errLine().contains(broken.toString())
                        && x.errLine().contains("NaN")
                        && x.errLine().contains(tensor),
                x.errLine());
        assertFalse(Files.exists(dir.resolve("emb.npy")));
    }

    @Test
    void retrieveLeavesOutKsThatReachTheWholeDatabaseAndSaysSo() throws IOException {
        Path prefix = dir.resolve("emb");
        CliRun x = CliRun.of(
                "extract",
                "--dataset",
                videos.toString(),
                "--encoder",
                encoder.toString(),
                "--output",
                prefix.toString(),
                "--resize",
                "32x43",
                "--clips",
                "1",
                "--threads",
                "2");
        assertEquals(0, x.exit(), x.toString());
        CliRun r = CliRun.of("retrieve", "--embeddings", prefix.toString(), "--ks", "1,5,9,50");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("Warning: k = 9, 50 reaches the whole database of 9 train videos"), r.err());
        assertFalse(r.out().lines().anyMatch(l -> l.matches("(9|50)\\s+.*")), r.out());
        CliRun none = CliRun.of("retrieve", "--embeddings", prefix.toString(), "--ks", "20,50");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.errLine().contains("give --ks below 9"), none.errLine());

        Files.write(dir.resolve("emb.npy"), Arrays.copyOf(Files.readAllBytes(dir.resolve("emb.npy")), 200));
        CliRun cut = CliRun.of("retrieve", "--embeddings", prefix.toString(), "--ks", "1");
        assertEquals(1, cut.exit(), cut.toString());
        assertTrue(cut.errLine().startsWith("vidssl retrieve: " + dir.resolve("emb.npy") + " declares"), cut.errLine());
    }

    @Test
    void predictFailsWhenNoVideoHasAClassTheClassifierKnows() throws IOException {
        Path other = dir.resolve("other");
        List<Path> mp4s;
        try (var walk = Files.walk(videos)) {
            mp4s = walk.filter(p -> p.toString().endsWith(".mp4"))
                    .sorted()
                    .limit(4)
                    .toList();
        }
        for (int i = 0; i < mp4s.size(); i++) {
            Path target = other.resolve(i < 2 ? "Juggling" : "Rowing").resolve("v" + i + ".mp4");
            Files.createDirectories(target.getParent());
            Files.copy(mp4s.get(i), target);
        }
        Path classifier = dir.resolve("clf.vidssl");
        List<String> a =
                new ArrayList<>(List.of("finetune", "--dataset", videos.toString(), "--encoder", encoder.toString()));
        a.addAll(List.of(TinyDataset.clipOptions()));
        a.addAll(List.of(
                "--epochs",
                "1",
                "--batch-size",
                "4",
                "--val-videos",
                "3",
                "--threads",
                "2",
                "--output",
                classifier.toString()));
        assertEquals(0, CliRun.of(a.toArray(String[]::new)).exit());
        CliRun p = CliRun.of(
                "predict",
                "--dataset",
                other.toString(),
                "--layout",
                "class-folders",
                "--subset",
                "all",
                "--classifier",
                classifier.toString(),
                "--resize",
                "32x43",
                "--test-clips",
                "1",
                "--threads",
                "2");
        assertEquals(1, p.exit(), p.toString());
        assertTrue(
                p.errLine().contains("None of the 4 videos can be scored")
                        && p.errLine().contains("Juggling, Rowing"),
                p.errLine());
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun h = CliRun.of("--help");
        assertEquals(0, h.exit(), h.toString());
        assertTrue(h.out().contains("Exit codes:") && h.out().contains("2   Usage error"), h.out());
    }
}
