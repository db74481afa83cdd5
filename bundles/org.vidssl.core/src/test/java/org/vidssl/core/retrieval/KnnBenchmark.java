package org.vidssl.core.retrieval;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.RetrievalSettings.Distance;

/**
 * Speed and memory of the pure Java kNN search on random data (not a test: run it by hand).
 * <pre>
 * java -cp target/classes:target/test-classes org.vidssl.core.retrieval.KnnBenchmark [--ucf] [--threads N]
 * </pre>
 * Default case: 10,000 queries x 10,000 database rows x 512 dimensions, k = 50.
 * {@code --ucf}: additionally the UCF101 split-1 retrieval shape, 3,783 x 9,537 x 9,216 (R3D conv features).
 */
public final class KnnBenchmark {

    public static void main(String[] args) {
        boolean ucf = false;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--ucf")) {
                ucf = true;
            } else if (args[i].equals("--threads")) {
                threads = Integer.parseInt(args[++i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "threads=%d, max heap=%d MiB%n",
                threads,
                Runtime.getRuntime().maxMemory() >> 20);
        run(10_000, 10_000, 512, threads);
        if (ucf) {
            run(3_783, 9_537, 9_216, threads);
        }
    }

    private static void run(int queries, int database, int dim, int threads) {
        float[][] q = random(queries, dim, 1);
        float[][] d = random(database, dim, 2);
        long inputBytes = 4L * dim * (queries + database);
        System.gc();
        resetPeaks();
        for (Distance distance : Distance.values()) {
            long t0 = System.nanoTime();
            KnnResult r = new KnnSearch(distance, threads).search(q, d, 50, Progress.NONE);
            double s = (System.nanoTime() - t0) / 1e9;
            double gflop = 2.0 * queries * database * dim / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%d x %d x %d %-9s k=50: %.2f s (%.1f GFLOP/s), peak heap %d MiB (inputs %d MiB), nearest of query"
                            + " 0 = %d%n",
                    queries,
                    database,
                    dim,
                    distance.id(),
                    s,
                    gflop / s,
                    peakHeap() >> 20,
                    inputBytes >> 20,
                    r.indices()[0][0]);
            resetPeaks();
        }
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

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the true peak). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
