package org.vidssl.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.cli.VidsslCli;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.KnnResult;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.retrieval.TopKAccuracy;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.retrieval.TorchDotProductBlock;
import picocli.CommandLine;

/**
 * The retrieval job against {@code vidssl retrieve} on the same embeddings: 5,000 database videos in three database
 * chunks (2,048 rows each), 600 queries, 12 classes as noisy clusters, with exact duplicate database vectors (ties;
 * inside one chunk and across chunks) and a repeated query.
 */
class SparkRetrievalTest {

    private static final int DATABASE = 5000;
    private static final int QUERIES = 600;
    private static final int DIMENSION = 24;
    private static final int THREADS = 2;

    @TempDir
    static Path dir;

    static EmbeddingSet embeddings;
    static Path prefix;

    @BeforeAll
    static void writeEmbeddings() throws Exception {
        Random random = new Random(13);
        float[][] centres = new float[12][DIMENSION];
        for (float[] c : centres) {
            for (int d = 0; d < DIMENSION; d++) {
                c[d] = (float) random.nextGaussian();
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<Split> splits = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int tests = 0;
        for (int i = 0; i < DATABASE + QUERIES; i++) {
            // train and test interleaved, as an extraction of both splits writes them
            boolean test = i % 9 == 4 && tests < QUERIES;
            tests += test ? 1 : 0;
            int c = random.nextInt(12);
            float[] v = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                v[d] = centres[c][d] + 1.5f * (float) random.nextGaussian();
            }
            ids.add(String.format(Locale.ROOT, "v%05d", i));
            names.add("class" + c);
            classes.add(c);
            splits.add(test ? Split.TEST : Split.TRAIN);
            vectors.add(v);
        }
        // exact duplicates: database rows copied within a chunk and across chunks, a query copied
        copy(vectors, 10, 11);
        copy(vectors, 12, 4500);
        copy(vectors, 30, 2600);
        copy(vectors, 4, 13);
        copy(vectors, 12, 22); // a query equal to two database rows in different chunks: a tie
        embeddings = new EmbeddingSet(ids, names, classes, splits, vectors.toArray(new float[0][]));
        assertEquals(QUERIES, embeddings.select(Split.TEST).size());
        prefix = dir.resolve("emb");
        embeddings.write(dir.resolve("emb.csv"), dir.resolve("emb.npy"));
    }

    private static void copy(List<float[]> vectors, int from, int to) {
        vectors.set(to, vectors.get(from).clone());
    }

    @Test
    void neighboursAndAccuraciesEqualVidsslRetrieve() throws Exception {
        RetrievalSettings settings = RetrievalSettings.DEFAULTS;

        // one machine: the command itself, and its code path directly for the full-precision distances
        Path cliNeighbours = dir.resolve("cli-neighbours.csv");
        StringWriter cliOut = new StringWriter();
        CommandLine cli = VidsslCli.commandLine();
        cli.setOut(new PrintWriter(cliOut));
        assertEquals(
                0,
                cli.execute(
                        "retrieve",
                        "--embeddings",
                        prefix.toString(),
                        "--neighbours",
                        cliNeighbours.toString(),
                        "--threads",
                        Integer.toString(THREADS)),
                cliOut::toString);
        EmbeddingSet db = embeddings.select(Split.TRAIN);
        EmbeddingSet queries = embeddings.select(Split.TEST);
        TorchRuntime.engine(new TorchRuntime.Settings(null, THREADS, 0));
        KnnResult oneMachine;
        try (TorchDotProductBlock dots = new TorchDotProductBlock(Device.cpu())) {
            oneMachine = new KnnSearch(settings.distance(), THREADS, dots)
                    .search(queries.vectors(), db.vectors(), settings.maxK(), Progress.NONE);
        }
        TopKAccuracy expected =
                TopKAccuracy.of(oneMachine, queries.classIndexArray(), db.classIndexArray(), settings.ks());

        // Spark: the command, with the database in three chunks of 2,048 rows
        Path out = dir.resolve("spark-out");
        StringWriter sparkOut = new StringWriter();
        CommandLine sparkCli = VidsslSpark.commandLine();
        sparkCli.setOut(new PrintWriter(sparkOut));
        SparkSession spark = TestSpark.session();
        long start = System.nanoTime();
        assertEquals(
                0,
                sparkCli.execute(
                        "retrieve",
                        "--master",
                        "local[2]",
                        "--embeddings",
                        prefix.toString(),
                        "--neighbours",
                        out.resolve("neighbours").toString(),
                        "--accuracy",
                        out.resolve("accuracy").toString(),
                        "--threads",
                        Integer.toString(THREADS),
                        "--database-chunk",
                        "2048"),
                sparkOut::toString);
        System.out.printf(
                Locale.ROOT,
                "Spark retrieval of %d x %d in %.1f s%n",
                QUERIES,
                DATABASE,
                (System.nanoTime() - start) / 1e9);
        List<Row> accuracy = spark.read()
                .option("header", true)
                .option("inferSchema", true)
                .csv(out.resolve("accuracy").toString())
                .orderBy("k")
                .collectAsList();
        int[] correct = accuracy.stream().mapToInt(r -> r.getInt(2)).toArray();
        assertEquals(
                expected,
                new TopKAccuracy(
                        accuracy.stream().mapToInt(r -> r.getInt(0)).toArray(),
                        correct,
                        accuracy.get(0).getInt(3)));
        assertTrue(
                expected.correct()[0] > QUERIES / 3 && expected.correct()[0] < QUERIES,
                "a non-trivial top-1: " + expected);
        for (int i = 0; i < expected.ks().length; i++) {
            assertTrue(cliOut.toString().contains(expected.correct()[i] + "/" + QUERIES), cliOut::toString);
            assertTrue(sparkOut.toString().contains(expected.correct()[i] + "/" + QUERIES), sparkOut::toString);
        }

        // every query's neighbours in rank order, with bit-identical distances
        Map<String, Integer> queryRow = new HashMap<>();
        for (int q = 0; q < queries.size(); q++) {
            queryRow.put(queries.videoIds().get(q), q);
        }
        Map<String, Integer> dbRow = new HashMap<>();
        for (int d = 0; d < db.size(); d++) {
            dbRow.put(db.videoIds().get(d), d);
        }
        int k = settings.maxK();
        int[][] sparkIndices = new int[QUERIES][k];
        float[][] sparkDistances = new float[QUERIES][k];
        List<String> sparkLines = new ArrayList<>();
        List<Row> rows =
                spark.read().parquet(out.resolve("neighbours").toString()).collectAsList();
        assertEquals(QUERIES * k, rows.size());
        for (Row r : rows) {
            int q = queryRow.get(r.getString(0));
            int rank = r.getInt(2);
            sparkIndices[q][rank - 1] = dbRow.get(r.getString(3));
            sparkDistances[q][rank - 1] = r.getFloat(5);
        }
        for (int q = 0; q < QUERIES; q++) {
            assertArrayEquals(oneMachine.indices()[q], sparkIndices[q], "neighbours of query " + q);
            assertArrayEquals(oneMachine.distances()[q], sparkDistances[q], 0f, "distances of query " + q);
            for (int r = 0; r < k; r++) {
                int n = sparkIndices[q][r];
                sparkLines.add(
                        queries.videoIds().get(q) + "," + queries.classNames().get(q) + "," + (r + 1) + ","
                                + db.videoIds().get(n) + "," + db.classNames().get(n) + ","
                                + String.format(Locale.ROOT, "%.6f", sparkDistances[q][r]) + ","
                                + (queries.classIndices()
                                        .get(q)
                                        .equals(db.classIndices().get(n))));
            }
        }
        // the tie: both copies at the same distance, the smaller database index first
        int tie = queryRow.get("v00022");
        assertEquals(dbRow.get("v00012"), sparkIndices[tie][0]);
        assertEquals(dbRow.get("v04500"), sparkIndices[tie][1]);
        assertEquals(sparkDistances[tie][0], sparkDistances[tie][1], 0f);
        List<String> cliLines = Files.readAllLines(cliNeighbours, StandardCharsets.UTF_8);
        assertEquals(sparkLines, cliLines.subList(1, cliLines.size()), "the neighbour table of vidssl retrieve");
    }

    @Test
    void queriesInSeveralChunksEqualTheOneMachineSearch() {
        // 4,500 queries: two query chunks (4,096 + 404 rows, the one-machine search's query blocks)
        Random random = new Random(5);
        int nq = 4500;
        int nd = 500;
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<Split> splits = new ArrayList<>();
        float[][] vectors = new float[nq + nd][8];
        for (int i = 0; i < nq + nd; i++) {
            for (int d = 0; d < 8; d++) {
                vectors[i][d] = random.nextInt(5) - 2; // small integers: many exact ties
            }
            ids.add(String.format(Locale.ROOT, "w%05d", i));
            names.add("c" + i % 4);
            classes.add(i % 4);
            splits.add(i < nq ? Split.TEST : Split.TRAIN);
        }
        EmbeddingSet set = new EmbeddingSet(ids, names, classes, splits, vectors);
        EmbeddingSet queries = set.select(Split.TEST);
        EmbeddingSet db = set.select(Split.TRAIN);
        RetrievalSettings settings = RetrievalSettings.DEFAULTS.withKs(1, 5);
        TorchRuntime.engine(new TorchRuntime.Settings(null, THREADS, 0));
        KnnResult oneMachine;
        try (TorchDotProductBlock dots = new TorchDotProductBlock(Device.cpu())) {
            oneMachine = new KnnSearch(settings.distance(), THREADS, dots)
                    .search(queries.vectors(), db.vectors(), settings.maxK(), Progress.NONE);
        }
        SparkSession spark = TestSpark.session();
        Dataset<Row> table = EmbeddingTable.fromSet(spark, set);
        SparkRetrieval.Result result = SparkRetrieval.run(
                spark,
                EmbeddingTable.split(table, "train"),
                EmbeddingTable.split(table, "test"),
                settings,
                new SparkRetrieval.Options("cpu", THREADS, 4096, 2048));
        assertEquals(
                TopKAccuracy.of(oneMachine, queries.classIndexArray(), db.classIndexArray(), settings.ks()),
                result.accuracy());
        Map<String, Integer> dbRow = new HashMap<>();
        for (int d = 0; d < db.size(); d++) {
            dbRow.put(db.videoIds().get(d), d);
        }
        int[][] indices = new int[nq][5];
        float[][] distances = new float[nq][5];
        for (Row r : result.neighbours().collectAsList()) {
            int q = Integer.parseInt(r.getString(0).substring(1));
            indices[q][r.getInt(2) - 1] = dbRow.get(r.getString(3));
            distances[q][r.getInt(2) - 1] = r.getFloat(5);
        }
        result.neighbours().unpersist();
        for (int q = 0; q < nq; q++) {
            assertArrayEquals(oneMachine.indices()[q], indices[q], "neighbours of query " + q);
            assertArrayEquals(oneMachine.distances()[q], distances[q], 0f, "distances of query " + q);
        }
    }

    @Test
    void mismatchedDimensionsAreNamed() throws Exception {
        SparkSession spark = TestSpark.session();
        EmbeddingSet train = new EmbeddingSet(
                List.of("a"), List.of("class0"), List.of(0), List.of(Split.TRAIN), new float[][] {new float[DIMENSION]
                });
        EmbeddingSet test =
                new EmbeddingSet(List.of("b"), List.of("class0"), List.of(0), List.of(Split.TEST), new float[][] {
                    new float[DIMENSION + 1]
                });
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> SparkRetrieval.run(
                        spark,
                        EmbeddingTable.fromSet(spark, train),
                        EmbeddingTable.fromSet(spark, test),
                        RetrievalSettings.DEFAULTS,
                        SparkRetrieval.Options.DEFAULTS));
        assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
    }
}
