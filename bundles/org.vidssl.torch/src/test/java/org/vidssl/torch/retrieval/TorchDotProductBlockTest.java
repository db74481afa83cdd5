package org.vidssl.torch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.KnnResult;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.RetrievalSettings.Distance;

class TorchDotProductBlockTest {

    /**
     * Small integers (exact sums in any order, many exact ties between different rows) plus exact copies of earlier
     * rows.
     */
    private static float[][] grid(Random rnd, int rows, int dim) {
        return withCopies(rnd, rows, dim, 4, () -> rnd.nextInt(5) - 2);
    }

    /** Gaussian rows (sums that do round), a fifth of them exact copies of earlier rows. */
    private static float[][] gaussian(Random rnd, int rows, int dim) {
        return withCopies(rnd, rows, dim, 5, () -> (float) rnd.nextGaussian());
    }

    /** Rows of {@code value()}s; after the first four, one row in {@code copyOneIn} copies an earlier row. */
    private static float[][] withCopies(Random rnd, int rows, int dim, int copyOneIn, DoubleSupplier value) {
        float[][] out = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            if (r > 3 && rnd.nextInt(copyOneIn) == 0) {
                out[r] = out[rnd.nextInt(r)].clone();
                continue;
            }
            for (int c = 0; c < dim; c++) {
                out[r][c] = (float) value.getAsDouble();
            }
        }
        return out;
    }

    private static double exactDistance(float[] q, float[] d, Distance distance) {
        double dot = 0;
        double qq = 0;
        double dd = 0;
        for (int c = 0; c < q.length; c++) {
            dot += (double) q[c] * d[c];
            qq += (double) q[c] * q[c];
            dd += (double) d[c] * d[c];
        }
        return distance == Distance.COSINE
                ? (qq == 0 || dd == 0 ? 1 : 1 - dot / Math.sqrt(qq * dd))
                : Math.sqrt(Math.max(0, qq + dd - 2 * dot));
    }

    /** Brute force: distances in double precision, full sort by (distance, index). */
    private static int[] bruteForce(float[] q, float[][] d, int k, Distance distance) {
        double[] dist = new double[d.length];
        for (int j = 0; j < d.length; j++) {
            dist[j] = exactDistance(q, d[j], distance);
        }
        return java.util.stream.IntStream.range(0, d.length)
                .boxed()
                .sorted((a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : Integer.compare(a, b))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void exactTiesMatchTheJavaSearchBitForBit(Distance distance) {
        Random rnd = new Random(7);
        float[][] db = grid(rnd, 611, 13);
        float[][] q = grid(rnd, 203, 13);
        q[0] = db[5].clone();
        KnnResult java = new KnnSearch(distance, 2).search(q, db, 37, Progress.NONE);
        // blocks with remainders, several query blocks, duplicates spread over many database blocks
        try (TorchDotProductBlock torch = new TorchDotProductBlock(Device.cpu(), 50, 64)) {
            KnnResult got = new KnnSearch(distance, 2, torch).search(q, db, 37, Progress.NONE);
            assertTrue(Arrays.deepEquals(java.indices(), got.indices()), "same neighbours, same tie order");
            assertTrue(Arrays.deepEquals(java.distances(), got.distances()), "integer sums are exact in any order");
            assertEquals(0f, got.distances()[0][0], 1e-6);
        }
    }

    @ParameterizedTest
    @EnumSource(Distance.class)
    void roundedSumsMatchBruteForceAndEqualVectorsTie(Distance distance) {
        Random rnd = new Random(3);
        float[][] db = gaussian(rnd, 500, 300);
        float[][] q = gaussian(rnd, 70, 300);
        q[1] = db[7].clone();
        int k = 25;
        try (TorchDotProductBlock torch = new TorchDotProductBlock(Device.cpu(), 32, 45)) {
            KnnResult got = new KnnSearch(distance, 1, torch).search(q, db, k, Progress.NONE);
            for (int i = 0; i < q.length; i++) {
                int[] expected = bruteForce(q[i], db, k, distance);
                int[] idx = got.indices()[i];
                float[] dist = got.distances()[i];
                for (int r = 0; r < k; r++) {
                    // float rounding may swap different vectors whose exact distances are closer than it
                    double gap = Math.abs(
                            exactDistance(q[i], db[idx[r]], distance) - exactDistance(q[i], db[expected[r]], distance));
                    assertTrue(
                            idx[r] == expected[r] || gap < 1e-5,
                            "query " + i + " rank " + r + ": " + idx[r] + " instead of " + expected[r]
                                    + ", exact distances differ by " + gap);
                    double exact = exactDistance(q[i], db[idx[r]], distance);
                    if (distance == Distance.COSINE) {
                        assertEquals(exact, dist[r], 1e-5);
                    } else {
                        // |q|^2 + |d|^2 - 2 q.d cancels: the error scales with the squared norms (about 600 here)
                        assertEquals(exact * exact, (double) dist[r] * dist[r], 1e-3);
                    }
                }
                for (int a = 0; a < k; a++) {
                    for (int b = a + 1; b < k; b++) {
                        if (Arrays.equals(db[idx[a]], db[idx[b]])) {
                            assertEquals(
                                    dist[a], dist[b], 0f, "equal vectors " + idx[a] + ", " + idx[b] + " tie exactly");
                            assertTrue(idx[a] < idx[b], "ties ordered by index");
                        }
                    }
                }
            }
            assertEquals(7, got.indices()[1][0]);
            assertEquals(
                    distance == Distance.COSINE ? 0 : 0.02,
                    got.distances()[1][0],
                    distance == Distance.COSINE ? 1e-6 : 0.02);
        }
    }

    @Test
    void blockValuesAreTheDotProductsAndQueryBlocksAreReused() {
        Random rnd = new Random(5);
        float[][] q = gaussian(rnd, 9, 33);
        float[][] db = gaussian(rnd, 20, 33);
        try (TorchDotProductBlock torch = new TorchDotProductBlock(Device.cpu())) {
            float[] out = new float[6 * 11];
            for (int pass = 0; pass < 2; pass++) { // second pass: cached query tensor
                torch.compute(q, 2, 8, db, 5, 16, out);
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 11; j++) {
                        double dot = 0;
                        for (int c = 0; c < 33; c++) {
                            dot += (double) q[2 + i][c] * db[5 + j][c];
                        }
                        assertEquals(dot, out[i * 11 + j], 1e-4, "pair " + i + "," + j);
                    }
                }
            }
            float[][] other = gaussian(rnd, 20, 32);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> torch.compute(q, 0, 2, other, 0, 3, out));
            assertTrue(e.getMessage().contains("33") && e.getMessage().contains("32"), e.getMessage());
        }
    }

    @Test
    void blockSizesFollowTheMemoryBudget() {
        try (TorchDotProductBlock wide = TorchDotProductBlock.forDimension(
                        Device.cpu(), 9216, TorchDotProductBlock.DEFAULT_BUDGET_BYTES);
                TorchDotProductBlock narrow = TorchDotProductBlock.forDimension(
                        Device.cpu(), 512, TorchDotProductBlock.DEFAULT_BUDGET_BYTES)) {
            long wideBytes = 4L * 9216 * (wide.queryBlock() + wide.databaseBlock())
                    + 4L * wide.queryBlock() * wide.databaseBlock();
            assertTrue(wideBytes <= TorchDotProductBlock.DEFAULT_BUDGET_BYTES, "blocks take " + wideBytes + " bytes");
            assertEquals(TorchDotProductBlock.DEFAULT_QUERY_BLOCK, narrow.queryBlock());
            assertEquals(TorchDotProductBlock.DEFAULT_DATABASE_BLOCK, narrow.databaseBlock());
        }
        assertThrows(IllegalArgumentException.class, () -> new TorchDotProductBlock(Device.cpu(), 0, 5));
    }
}
