package org.vidssl.torch.retrieval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.DotProductBlock;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.RetrievalSettings.Distance;
import org.vidssl.torch.engine.TorchRuntime;

/**
 * Exact retrieval with {@link TorchDotProductBlock} on random data of the paper's shapes (not a test): seconds,
 * peak memory beyond the inputs (heap and RSS from /proc/self/status, sampled every 5 ms), and the floor: one
 * plain LibTorch matMul of the full queries x database shape (tensors already made, conversion not timed).
 * Arguments: [threads (LibTorch intra-op and KnnSearch selection), default 2] [shape: ucf | 10k | all, default all]
 * [repetitions, default 2].
 * Run with -Xmx3g or more (the UCF101 shape holds 0.5 GB of inputs on the heap).
 */
public final class RetrievalBenchmark {

    private static final int K = 50;

    private RetrievalBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        String which = args.length > 1 ? args[1] : "all";
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        TorchRuntime.engine(new TorchRuntime.Settings(null, threads, 1));
        System.out.printf(
                Locale.ROOT,
                "PyTorch %s, %d intra-op threads, %d cores, load average %s%n",
                TorchRuntime.engine().getVersion(),
                TorchRuntime.intraOpThreads(),
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        if (which.equals("ucf") || which.equals("all")) {
            run("UCF101 split 1", 3783, 9537, 9216, reps, threads);
        }
        if (which.equals("10k") || which.equals("all")) {
            run("10k x 10k x 512", 10_000, 10_000, 512, reps, threads);
        }
        System.out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
    }

    private static void run(String name, int nq, int nd, int dim, int reps, int threads) throws Exception {
        float[][] queries = random(nq, dim, 1);
        float[][] database = random(nd, dim, 2);
        System.gc();
        System.out.printf(
                Locale.ROOT,
                "%n%s: %,d queries x %,d database x %,d-d, top-%d, cosine; inputs %d MB on the heap%n",
                name,
                nq,
                nd,
                dim,
                K,
                4L * dim * (nq + nd) >> 20);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            System.gc();
            long rssBefore = status("VmRSS");
            long heapBefore = usedHeap();
            try (Sampler sampler = new Sampler()) {
                long start = System.nanoTime();
                long[] inBlocks = new long[1];
                try (TorchDotProductBlock torch = new TorchDotProductBlock(Device.cpu())) {
                    DotProductBlock timed = new DotProductBlock() {
                        @Override
                        public void compute(float[][] q, int qs, int qe, float[][] d, int ds, int de, float[] out) {
                            long t = System.nanoTime();
                            torch.compute(q, qs, qe, d, ds, de, out);
                            inBlocks[0] += System.nanoTime() - t;
                        }

                        @Override
                        public int queryBlock() {
                            return torch.queryBlock();
                        }

                        @Override
                        public int databaseBlock() {
                            return torch.databaseBlock();
                        }

                        @Override
                        public boolean threadSafe() {
                            return torch.threadSafe();
                        }
                    };
                    new KnnSearch(Distance.COSINE, threads, timed).search(queries, database, K, Progress.NONE);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.min(best, seconds);
                // RSS may fall below the start when the JVM hands back memory of an earlier run
                System.out.printf(
                        Locale.ROOT,
                        "  KnnSearch + TorchDotProductBlock: %.2f s (%.2f s in the blocks); RSS %d MB before,"
                                + " peak %d MB (+%d MB); heap peak +%d MB%n",
                        seconds,
                        inBlocks[0] / 1e9,
                        rssBefore >> 20,
                        sampler.peakRss.get() >> 20,
                        Math.max(0, sampler.peakRss.get() - rssBefore) >> 20,
                        (sampler.peakHeap.get() - heapBefore) >> 20);
            }
        }
        double floor = floor(queries, database, reps);
        System.out.printf(
                Locale.ROOT,
                "  floor, one plain matMul %dx%d * %dx%d: %.2f s; best search / floor = %.2f (target <= 1.2)%n",
                nq,
                dim,
                dim,
                nd,
                floor,
                best / floor);
    }

    /** The best time of one full-shape matMul, tensors already on the device. */
    private static double floor(float[][] queries, float[][] database, int reps) {
        double best = Double.MAX_VALUE;
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            NDArray q = m.create(queries);
            NDArray d = m.create(database);
            for (int r = 0; r < reps; r++) {
                long start = System.nanoTime();
                NDArray s = q.matMul(d.transpose());
                s.toByteBuffer(true); // waits for the result (a no-op copy on the CPU)
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
                s.close();
            }
        }
        return best;
    }

    private static float[][] random(int rows, int dim, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] out = new float[rows][dim];
        for (float[] row : out) {
            for (int c = 0; c < dim; c++) {
                row[c] = (float) rnd.nextDouble();
            }
        }
        return out;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A value of /proc/self/status in bytes (kB there). */
    static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Samples RSS and heap use on a daemon thread until closed. */
    private static final class Sampler implements AutoCloseable {
        final AtomicLong peakRss = new AtomicLong();
        final AtomicLong peakHeap = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread;

        Sampler() {
            thread = new Thread(
                    () -> {
                        while (running) {
                            peakRss.accumulateAndGet(status("VmRSS"), Math::max);
                            peakHeap.accumulateAndGet(usedHeap(), Math::max);
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
