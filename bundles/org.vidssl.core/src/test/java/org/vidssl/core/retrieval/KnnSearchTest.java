package org.vidssl.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.RetrievalSettings.Distance;

class KnnSearchTest {

    /** Random vectors on a coarse grid (many exact ties), plus exact copies of earlier rows. */
    private static float[][] data(Random rnd, int rows, int dim) {
        float[][] out = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            if (r > 3 && rnd.nextInt(4) == 0) {
                out[r] = out[rnd.nextInt(r)].clone();
                continue;
            }
            for (int c = 0; c < dim; c++) {
                out[r][c] = rnd.nextInt(5) - 2;
            }
        }
        return out;
    }

    /** Brute force: all distances with a plain loop (float, dimension order), full sort by (distance, index). */
    private static int[][] bruteForce(float[][] q, float[][] d, int k, Distance distance) {
        int[][] out = new int[q.length][];
        for (int i = 0; i < q.length; i++) {
            float[] dist = new float[d.length];
            for (int j = 0; j < d.length; j++) {
                float dot = dot(q[i], d[j]);
                float qq = dot(q[i], q[i]);
                float dd = dot(d[j], d[j]);
                if (distance == Distance.COSINE) {
                    float invQ = qq > 0 ? (float) (1 / Math.sqrt(qq)) : 0f;
                    float invD = dd > 0 ? (float) (1 / Math.sqrt(dd)) : 0f;
                    dist[j] = Math.min(2f, Math.max(0f, 1f - dot * invQ * invD));
                } else {
                    dist[j] = (float) Math.sqrt(Math.max(0f, qq + dd - 2f * dot));
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < d.length; j++) {
                order.add(j);
            }
            order.sort(Comparator.<Integer>comparingDouble(j -> dist[j]).thenComparingInt(j -> j));
            out[i] = order.subList(0, Math.min(k, d.length)).stream()
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        return out;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0f;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return s;
    }

    /** Distances in double precision, straight from the definitions. */
    private static double exactDistance(float[] a, float[] b, Distance distance) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        double diff = 0;
        for (int c = 0; c < a.length; c++) {
            dot += (double) a[c] * b[c];
            aa += (double) a[c] * a[c];
            bb += (double) b[c] * b[c];
            diff += ((double) a[c] - b[c]) * ((double) a[c] - b[c]);
        }
        if (distance == Distance.EUCLIDEAN) {
            return Math.sqrt(diff);
        }
        return aa == 0 || bb == 0 ? 1 : 1 - dot / Math.sqrt(aa * bb);
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void matchesBruteForceIncludingTies(Distance distance) {
        Random rnd = new Random(7);
        // sizes chosen so that query and database blocks have remainders (not multiples of 4 or 256)
        float[][] db = data(rnd, 611, 13);
        float[][] q = data(rnd, 203, 13);
        q[0] = db[5].clone(); // distance 0 to row 5 and to every copy of it
        int[][] expected = bruteForce(q, db, 37, distance);
        for (int threads : new int[] {1, 2, 3}) {
            KnnResult got = new KnnSearch(distance, threads).search(q, db, 37, Progress.NONE);
            for (int i = 0; i < q.length; i++) {
                assertArrayEquals(expected[i], got.indices()[i], "query " + i + ", " + threads + " threads");
                for (int r = 0; r < 37; r++) {
                    assertEquals(exactDistance(q[i], db[got.indices()[i][r]], distance), got.distances()[i][r], 1e-5);
                }
            }
        }
        assertEquals(
                0f, new KnnSearch(distance, 1).search(q, db, 1, Progress.NONE).distances()[0][0], 1e-6);
    }

    /** The Java dot products with other block sizes and thread safety. */
    private static DotProductBlock javaBlocks(int queryBlock, int databaseBlock, boolean threadSafe) {
        return new DotProductBlock() {
            final JavaDotProductBlock inner = new JavaDotProductBlock();

            @Override
            public void compute(float[][] a, int qs, int qe, float[][] b, int ds, int de, float[] out) {
                inner.compute(a, qs, qe, b, ds, de, out);
            }

            @Override
            public int queryBlock() {
                return queryBlock;
            }

            @Override
            public int databaseBlock() {
                return databaseBlock;
            }

            @Override
            public boolean threadSafe() {
                return threadSafe;
            }
        };
    }

    @Test
    void smallBlocksGiveTheSameResultAsDefaultBlocks() {
        Random rnd = new Random(11);
        float[][] db = data(rnd, 300, 9);
        float[][] q = data(rnd, 50, 9);
        DotProductBlock tiny = javaBlocks(5, 7, true);
        KnnResult a = new KnnSearch(Distance.EUCLIDEAN, 2).search(q, db, 20, Progress.NONE);
        KnnResult b = new KnnSearch(Distance.EUCLIDEAN, 2, tiny).search(q, db, 20, Progress.NONE);
        assertTrue(Arrays.deepEquals(a.indices(), b.indices()));
        assertTrue(Arrays.deepEquals(a.distances(), b.distances()));
    }

    @Test
    void serialBlocksWithParallelSelectionGiveTheSameResult() {
        Random rnd = new Random(13);
        float[][] db = data(rnd, 260, 11);
        float[][] q = data(rnd, 90, 11);
        DotProductBlock serial = javaBlocks(40, 33, false);
        for (Distance distance : Distance.values()) {
            KnnResult one = new KnnSearch(distance, 1).search(q, db, 15, Progress.NONE);
            KnnResult three = new KnnSearch(distance, 3, serial).search(q, db, 15, Progress.NONE);
            assertTrue(Arrays.deepEquals(one.indices(), three.indices()), distance.id());
            assertTrue(Arrays.deepEquals(one.distances(), three.distances()), distance.id());
        }
    }

    @Test
    void handMadeCaseRanksAndTopK() {
        // database on a line: x = 0, 1, 2, 3, 10 with classes a, b, a, b, c
        float[][] db = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {10, 0}};
        int[] dbClasses = {0, 1, 0, 1, 2};
        // query at x = 1.4 (class 0) : nearest 1 (b), 2 (a), 0 (a), 3 (b), 10 (c)
        // query at x = 9 (class 1)   : nearest 10 (c), 3 (b), ...
        float[][] q = {{1.4f, 0}, {9, 0}};
        int[] qClasses = {0, 1};
        KnnResult r = new KnnSearch(Distance.EUCLIDEAN, 1).search(q, db, 3, Progress.NONE);
        assertArrayEquals(new int[] {1, 2, 0}, r.indices()[0]);
        assertArrayEquals(new int[] {4, 3, 2}, r.indices()[1]);
        assertEquals(0.4f, r.distances()[0][0], 1e-6);
        assertEquals(6f, r.distances()[1][1], 1e-6);

        TopKAccuracy acc = TopKAccuracy.of(r, qClasses, dbClasses, new int[] {1, 2, 3});
        assertArrayEquals(new int[] {0, 2, 2}, acc.correct());
        assertEquals(0.0, acc.accuracy(1));
        assertEquals(1.0, acc.accuracy(2));

        List<Neighbour> table = r.neighbours(qClasses, dbClasses);
        assertEquals(6, table.size());
        assertEquals(new Neighbour(1, 2, 3, 6f, true), table.get(4));
        assertEquals(new Neighbour(0, 1, 1, r.distances()[0][0], false), table.get(0));
    }

    @Test
    void cosineIgnoresLengthEuclideanDoesNot() {
        float[][] db = {{10, 0}, {0.9f, 0.5f}};
        float[][] q = {{1, 0}};
        // cosine: row 0 points the same way (distance 0); euclidean: row 1 is closer in space
        KnnResult cos = new KnnSearch(Distance.COSINE, 1).search(q, db, 2, Progress.NONE);
        KnnResult euc = new KnnSearch(Distance.EUCLIDEAN, 1).search(q, db, 2, Progress.NONE);
        assertArrayEquals(new int[] {0, 1}, cos.indices()[0]);
        assertEquals(0f, cos.distances()[0][0], 1e-6);
        double cosine1 = 0.9 / Math.hypot(0.9, 0.5);
        assertEquals(1 - cosine1, cos.distances()[0][1], 1e-6);
        assertArrayEquals(new int[] {1, 0}, euc.indices()[0]);
        assertEquals(Math.hypot(0.1, 0.5), euc.distances()[0][0], 1e-5);
        assertEquals(9f, euc.distances()[0][1], 1e-5);
    }

    @Test
    void zeroVectorHasCosineDistanceOne() {
        KnnResult r = new KnnSearch(Distance.COSINE, 1)
                .search(new float[][] {{0, 0}}, new float[][] {{1, 2}, {0, 0}}, 2, Progress.NONE);
        assertEquals(1f, r.distances()[0][0]);
        assertEquals(1f, r.distances()[0][1]);
        assertArrayEquals(new int[] {0, 1}, r.indices()[0]);
    }

    @Test
    void kLargerThanDatabaseKeepsEverything() {
        KnnResult r = new KnnSearch(Distance.EUCLIDEAN, 2)
                .search(new float[][] {{0}, {5}}, new float[][] {{4}, {1}, {2}}, 50, Progress.NONE);
        assertEquals(3, r.k());
        assertArrayEquals(new int[] {1, 2, 0}, r.indices()[0]);
        assertArrayEquals(new int[] {0, 2, 1}, r.indices()[1]);
        TopKAccuracy acc = TopKAccuracy.of(r, new int[] {1, 2}, new int[] {0, 0, 1}, new int[] {1, 50});
        assertArrayEquals(new int[] {0, 1}, acc.correct());
    }

    @Test
    void badInputsNameTheRow() {
        KnnSearch s = new KnnSearch(Distance.COSINE, 1);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> s.search(new float[][] {{1, 2}}, new float[][] {{1, 2}, {1}}, 1, Progress.NONE));
        assertTrue(e.getMessage().contains("database vector in row 1"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> s.search(new float[][] {{1, Float.NaN}}, new float[][] {{1, 2}}, 1, Progress.NONE));
        assertTrue(
                e.getMessage().contains("query vector in row 0")
                        && e.getMessage().contains("NaN"),
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> s.search(new float[][] {{1}}, new float[][] {{1}}, 0, Progress.NONE));
    }

    @Test
    void cancellationStopsTheSearch() {
        Random rnd = new Random(3);
        float[][] db = data(rnd, 2000, 8);
        float[][] q = data(rnd, 600, 8);
        Progress cancelled = new Progress() {
            @Override
            public void report(double fraction, String message) {}

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> new KnnSearch(Distance.COSINE, 2).search(q, db, 5, cancelled));
    }

    @Test
    void evaluateUsesTheSettings() {
        float[][] db = {{1, 0}, {0, 1}, {-1, 0}};
        float[][] q = {{0.9f, 0.1f}, {-0.2f, 1}};
        TopKAccuracy acc = KnnSearch.evaluate(
                q,
                new int[] {2, 1},
                db,
                new int[] {0, 1, 2},
                RetrievalSettings.DEFAULTS.withKs(1, 2),
                1,
                Progress.NONE);
        // query 0: nearest 0 (class 0), then 1 (class 1), class 2 only at rank 3; query 1: row 1 first
        assertArrayEquals(new int[] {1, 1}, acc.correct());
        assertEquals(0.5, acc.accuracy(1));
        assertEquals(0.5, acc.accuracy(2));
    }

    @Test
    void evaluateEmbeddingsQueriesTrainWithTest() {
        // train: two class-0 vectors along x, one class-1 along y; test: one of each class
        EmbeddingSet set = new EmbeddingSet(
                List.of("t1", "t2", "t3", "q1", "q2"),
                List.of("a", "a", "b", "a", "b"),
                List.of(0, 0, 1, 0, 1),
                List.of(Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TEST, Split.TEST),
                new float[][] {{1, 0}, {2, 0.1f}, {0, 1}, {3, 0.2f}, {1, 0.1f}});
        TopKAccuracy acc = KnnSearch.evaluate(set, RetrievalSettings.DEFAULTS.withKs(1, 3), 1, Progress.NONE);
        assertEquals(2, acc.queries());
        assertEquals(0.5, acc.accuracy(1)); // q2 (class b) is nearest to class-a rows
        assertEquals(1.0, acc.accuracy(3));
        EmbeddingSet onlyTrain = set.select(Split.TRAIN);
        assertThrows(
                IllegalArgumentException.class,
                () -> KnnSearch.evaluate(onlyTrain, RetrievalSettings.DEFAULTS, 1, Progress.NONE));
    }

    @Test
    void aFailingStrategyFailsTheSearch() {
        Random rnd = new Random(5);
        float[][] db = data(rnd, 600, 4);
        float[][] q = data(rnd, 900, 4);
        DotProductBlock broken = (a, qs, qe, b, ds, de, out) -> {
            throw new IllegalStateException("device lost");
        };
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new KnnSearch(Distance.COSINE, 2, broken).search(q, db, 3, Progress.NONE));
        assertEquals("device lost", e.getMessage());
    }
}
