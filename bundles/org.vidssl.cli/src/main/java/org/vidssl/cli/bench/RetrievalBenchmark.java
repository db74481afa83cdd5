package org.vidssl.cli.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.retrieval.TorchDotProductBlock;

/**
 * The retrieval figure of docs/benchmarks.md: exact cosine top-50 of random queries against a random database,
 * against the floor of one LibTorch matrix product of the same shape.
 */
public final class RetrievalBenchmark {

    /** Neighbours per query, as the paper's retrieval evaluation reports up to top-50. */
    private static final int K = 50;

    /** Seconds of the search and of one matrix product of the same shape. */
    public record Result(double seconds, double floor) {

        /** Search time over the matrix-product floor (the target is at most 1.2). */
        public double ratio() {
            return seconds / floor;
        }
    }

    private RetrievalBenchmark() {}

    /** Times one search of {@code queries} against {@code database} random vectors of {@code dim} values. */
    public static Result measure(int queries, int database, int dim, int threads, Device device, Progress p) {
        p.report(Double.NaN, "retrieval: making random features");
        float[][] q = random(queries, dim, 1);
        float[][] db = random(database, dim, 2);
        double floor;
        try (NDManager m = TorchRuntime.engine().newBaseManager(device)) {
            NDArray a = m.randomUniform(-1, 1, new Shape(queries, dim));
            NDArray b = m.randomUniform(-1, 1, new Shape(dim, database));
            a.matMul(b).close(); // warm up
            long t0 = System.nanoTime();
            a.matMul(b).getFloat(0, 0);
            floor = (System.nanoTime() - t0) / 1e9;
        }
        p.report(Double.NaN, "retrieval: searching");
        long t0 = System.nanoTime();
        try (TorchDotProductBlock dots =
                TorchDotProductBlock.forDimension(device, dim, TorchDotProductBlock.DEFAULT_BUDGET_BYTES)) {
            new KnnSearch(RetrievalSettings.Distance.COSINE, threads, dots).search(q, db, K, p);
        }
        return new Result((System.nanoTime() - t0) / 1e9, floor);
    }

    private static float[][] random(int rows, int dim, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] out = new float[rows][dim];
        for (float[] row : out) {
            for (int c = 0; c < dim; c++) {
                row[c] = (float) rnd.nextDouble(-1, 1);
            }
        }
        return out;
    }
}
