package org.vidssl.core.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.RetrievalSettings.Distance;

/**
 * Exact k-nearest-neighbour search of query vectors in database vectors.
 * <p>
 * Memory stays bounded: queries are cut into blocks (one task each, on a thread pool) and every task
 * walks the database in blocks, so at most (query block x database block) scores exist per thread,
 * never the full queries x database matrix. Each query keeps a bounded max-heap of its k best
 * candidates (no full sort). Order is total and deterministic: smaller distance first, then smaller
 * database index, whatever the thread count or block sizes.
 * <p>
 * The dot products come from a pluggable {@link DotProductBlock}; distances, selection and metrics
 * are shared by all strategies.
 */
public final class KnnSearch {

    private final Distance distance;
    private final int threads;
    private final DotProductBlock dots;

    /** Pure Java search with the given distance, on {@code threads} threads. */
    public KnnSearch(Distance distance, int threads) {
        this(distance, threads, new JavaDotProductBlock());
    }

    public KnnSearch(Distance distance, int threads, DotProductBlock dots) {
        if (distance == null) {
            throw new IllegalArgumentException("Distance is not set: use cosine or euclidean.");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("Thread count is " + threads + ": use at least 1.");
        }
        this.distance = distance;
        this.threads = threads;
        this.dots = dots;
    }

    /**
     * The {@code k} nearest database rows of every query (fewer when the database is smaller).
     *
     * @throws IllegalArgumentException when rows differ in length or hold NaN/infinite values
     * @throws CancelledException       when the progress asks to stop
     */
    public KnnResult search(float[][] queries, float[][] database, int k, Progress progress) {
        if (k < 1) {
            throw new IllegalArgumentException("k is " + k + ": use at least 1.");
        }
        checkRows("database", database, checkRows("query", queries, -1));
        int nq = queries.length;
        int nd = database.length;
        int keep = Math.min(k, nd);
        int[][] indices = new int[nq][keep];
        float[][] distances = new float[nq][keep];
        if (nq == 0 || nd == 0) {
            return new KnnResult(new int[nq][0], new float[nq][0]);
        }

        // per-row factors instead of normalised copies: no second copy of (possibly 9,216-d) inputs
        float[] queryNorms;
        float[] databaseNorms;
        if (distance == Distance.COSINE) {
            queryNorms = inverseNorms(queries);
            databaseNorms = inverseNorms(database);
        } else {
            queryNorms = squaredNorms(queries);
            databaseNorms = squaredNorms(database);
        }

        int workers = dots.threadSafe() ? threads : 1;
        int queryBlock = Math.max(4, Math.min(dots.queryBlock(), roundUp4((nq + workers - 1) / workers)));
        int databaseBlock = Math.max(1, dots.databaseBlock());
        int blocks = (nq + queryBlock - 1) / queryBlock;

        Job job = new Job(
                queries, database, queryNorms, databaseNorms, keep, databaseBlock, indices, distances, progress);
        if (workers == 1 || blocks == 1) {
            // query blocks one after another (e.g. a GEMM block that is parallel inside): the selection of
            // each block's rows can still use the threads
            ExecutorService selection = threads > 1 ? newPool(threads, "knn-select-") : null;
            job.selectionPool = selection;
            job.selectionThreads = threads;
            try {
                for (int b = 0; b < blocks; b++) {
                    job.run(b * queryBlock, Math.min(nq, (b + 1) * queryBlock));
                    progress.report(
                            (double) (b + 1) / blocks,
                            "Searched " + Math.min(nq, (b + 1) * queryBlock) + " of " + nq + " queries");
                }
            } finally {
                if (selection != null) {
                    selection.shutdownNow();
                }
            }
            return new KnnResult(indices, distances);
        }
        ExecutorService pool = newPool(Math.min(workers, blocks), "knn-search-");
        try {
            List<Future<?>> futures = new ArrayList<>(blocks);
            for (int b = 0; b < blocks; b++) {
                int start = b * queryBlock;
                int end = Math.min(nq, start + queryBlock);
                futures.add(pool.submit(() -> {
                    try {
                        job.run(start, end);
                    } catch (RuntimeException | Error e) {
                        job.failed = true; // the other tasks stop at their next database block
                        throw e;
                    }
                }));
            }
            for (int b = 0; b < blocks; b++) {
                await(futures.get(b));
                progress.report(
                        (double) (b + 1) / blocks,
                        "Searched " + Math.min(nq, (b + 1) * queryBlock) + " of " + nq + " queries");
            }
        } finally {
            pool.shutdownNow();
        }
        return new KnnResult(indices, distances);
    }

    /** Search, then the top-k accuracy for the settings' k values. */
    public static TopKAccuracy evaluate(
            float[][] queries,
            int[] queryClasses,
            float[][] database,
            int[] databaseClasses,
            RetrievalSettings settings,
            int threads,
            Progress progress) {
        return evaluate(
                queries,
                queryClasses,
                database,
                databaseClasses,
                settings,
                threads,
                new JavaDotProductBlock(),
                progress);
    }

    /** Search with the given dot-product strategy (e.g. a GEMM-backed one), then the top-k accuracy. */
    public static TopKAccuracy evaluate(
            float[][] queries,
            int[] queryClasses,
            float[][] database,
            int[] databaseClasses,
            RetrievalSettings settings,
            int threads,
            DotProductBlock dots,
            Progress progress) {
        settings.validate();
        KnnResult result =
                new KnnSearch(settings.distance(), threads, dots).search(queries, database, settings.maxK(), progress);
        return TopKAccuracy.of(result, queryClasses, databaseClasses, settings.ks());
    }

    /**
     * The paper's retrieval experiment: every test video queries the train videos.
     *
     * @throws IllegalArgumentException when the set has no train or no test videos
     */
    public static TopKAccuracy evaluate(
            EmbeddingSet embeddings, RetrievalSettings settings, int threads, Progress progress) {
        return evaluate(embeddings, settings, threads, new JavaDotProductBlock(), progress);
    }

    /**
     * The paper's retrieval experiment with the given dot-product strategy (e.g. a GEMM-backed one).
     *
     * @throws IllegalArgumentException when the set has no train or no test videos
     */
    public static TopKAccuracy evaluate(
            EmbeddingSet embeddings, RetrievalSettings settings, int threads, DotProductBlock dots, Progress progress) {
        EmbeddingSet train = embeddings.select(Split.TRAIN);
        EmbeddingSet test = embeddings.select(Split.TEST);
        if (train.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException("Retrieval needs train and test videos, but the embeddings hold "
                    + train.size() + " train and " + test.size() + " test videos: embed both splits.");
        }
        return evaluate(
                test.vectors(),
                test.classIndexArray(),
                train.vectors(),
                train.classIndexArray(),
                settings,
                threads,
                dots,
                progress);
    }

    private static ExecutorService newPool(int threads, String name) {
        AtomicInteger threadNumber = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** One search over a range of queries; every task writes only its own rows of the result. */
    private final class Job {
        final float[][] q;
        final float[][] d;
        /** inverse norms (cosine) or squared norms (euclidean) */
        final float[] queryNorms;

        final float[] databaseNorms;
        final int keep;
        final int databaseBlock;
        final int[][] indices;
        final float[][] distances;
        final Progress progress;
        volatile boolean failed;
        /** Threads that share the selection of one block's rows, or null to select on the calling thread. */
        ExecutorService selectionPool;

        int selectionThreads = 1;

        Job(
                float[][] q,
                float[][] d,
                float[] queryNorms,
                float[] databaseNorms,
                int keep,
                int databaseBlock,
                int[][] indices,
                float[][] distances,
                Progress progress) {
            this.q = q;
            this.d = d;
            this.queryNorms = queryNorms;
            this.databaseNorms = databaseNorms;
            this.keep = keep;
            this.databaseBlock = databaseBlock;
            this.indices = indices;
            this.distances = distances;
            this.progress = progress;
        }

        void run(int qStart, int qEnd) {
            int rows = qEnd - qStart;
            float[] scores = new float[rows * Math.min(databaseBlock, d.length)];
            TopK[] heaps = new TopK[rows];
            for (int i = 0; i < rows; i++) {
                heaps[i] = new TopK(keep);
            }
            for (int dStart = 0; dStart < d.length; dStart += databaseBlock) {
                progress.checkCancelled();
                if (failed) {
                    return;
                }
                int dEnd = Math.min(d.length, dStart + databaseBlock);
                int cols = dEnd - dStart;
                dots.compute(q, qStart, qEnd, d, dStart, dEnd, scores);
                selectRows(heaps, scores, 0, rows, cols, qStart, dStart);
            }
            for (int i = 0; i < rows; i++) {
                heaps[i].drainSorted(indices[qStart + i], distances[qStart + i]);
            }
        }

        /** Selection for rows [from, to) of a block; split over the selection pool when there is one. */
        private void selectRows(TopK[] heaps, float[] scores, int from, int to, int cols, int qStart, int dStart) {
            int rows = to - from;
            if (selectionPool == null || rows < 2 * selectionThreads) {
                for (int i = from; i < to; i++) {
                    select(heaps[i], scores, i * cols, cols, qStart + i, dStart);
                }
                return;
            }
            // every task owns distinct rows (heaps), so the result does not depend on the split
            int per = (rows + selectionThreads - 1) / selectionThreads;
            List<Future<?>> parts = new ArrayList<>(selectionThreads);
            for (int start = from; start < to; start += per) {
                int s0 = start;
                int s1 = Math.min(to, start + per);
                parts.add(selectionPool.submit(() -> {
                    for (int i = s0; i < s1; i++) {
                        select(heaps[i], scores, i * cols, cols, qStart + i, dStart);
                    }
                }));
            }
            for (Future<?> part : parts) {
                await(part);
            }
        }

        /**
         * Offers one query's scores of a database block to its heap. Most candidates are further than the
         * worst kept one once the heap is full; they are skipped with one comparison (ties still go to the
         * heap, which orders them by index). The distances are exactly those of {@link #toDistance}.
         */
        private void select(TopK heap, float[] scores, int offset, int cols, int query, int dStart) {
            float bound = heap.bound();
            if (distance == Distance.COSINE) {
                float qn = queryNorms[query];
                for (int j = 0; j < cols; j++) {
                    float dist = Math.min(2f, Math.max(0f, 1f - scores[offset + j] * qn * databaseNorms[dStart + j]));
                    if (dist <= bound) {
                        heap.offer(dist, dStart + j);
                        bound = heap.bound();
                    }
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    float dist = toDistance(scores[offset + j], query, dStart + j);
                    if (dist <= bound) {
                        heap.offer(dist, dStart + j);
                        bound = heap.bound();
                    }
                }
            }
        }

        private float toDistance(float dot, int query, int row) {
            if (distance == Distance.COSINE) {
                // 1 - cos, clipped to [0, 2] as sklearn's cosine_distances does; zero vectors get 1
                return Math.min(2f, Math.max(0f, 1f - dot * queryNorms[query] * databaseNorms[row]));
            }
            return (float) Math.sqrt(Math.max(0f, queryNorms[query] + databaseNorms[row] - 2f * dot));
        }
    }

    /** Bounded max-heap of the best candidates: the worst kept one sits at the root. */
    static final class TopK {
        private final float[] dist;
        private final int[] index;
        private int size;

        TopK(int capacity) {
            dist = new float[capacity];
            index = new int[capacity];
        }

        /** a is worse (further) than b: larger distance, or the same distance and a larger index. */
        private static boolean worse(float da, int ia, float db, int ib) {
            return da > db || (da == db && ia > ib);
        }

        /** The distance a candidate must not exceed to be kept: infinite until the heap is full. */
        float bound() {
            return size < dist.length ? Float.POSITIVE_INFINITY : dist[0];
        }

        void offer(float distance, int idx) {
            if (size < dist.length) {
                int c = size++;
                while (c > 0) {
                    int p = (c - 1) >>> 1;
                    if (!worse(distance, idx, dist[p], index[p])) {
                        break;
                    }
                    dist[c] = dist[p];
                    index[c] = index[p];
                    c = p;
                }
                dist[c] = distance;
                index[c] = idx;
            } else if (worse(dist[0], index[0], distance, idx)) {
                siftDown(distance, idx, size);
            }
        }

        /** Replaces the root by (distance, idx) and restores the heap within the first n slots. */
        private void siftDown(float distance, int idx, int n) {
            int c = 0;
            while (true) {
                int l = 2 * c + 1;
                if (l >= n) {
                    break;
                }
                int r = l + 1;
                int w = r < n && worse(dist[r], index[r], dist[l], index[l]) ? r : l;
                if (!worse(dist[w], index[w], distance, idx)) {
                    break;
                }
                dist[c] = dist[w];
                index[c] = index[w];
                c = w;
            }
            dist[c] = distance;
            index[c] = idx;
        }

        /** Writes the kept candidates nearest first (heap sort of at most k items). */
        void drainSorted(int[] outIndex, float[] outDist) {
            for (int n = size; n > 0; n--) {
                outDist[n - 1] = dist[0];
                outIndex[n - 1] = index[0];
                siftDown(dist[n - 1], index[n - 1], n - 1);
            }
            size = 0;
        }
    }

    private static int roundUp4(int n) {
        return (n + 3) & ~3;
    }

    /** Checks that every row has the same length and finite values; returns that length. */
    private static int checkRows(String what, float[][] rows, int expectedDim) {
        int dim = expectedDim;
        for (int r = 0; r < rows.length; r++) {
            float[] row = rows[r];
            if (row == null) {
                throw new IllegalArgumentException("The " + what + " vector in row " + r + " is missing.");
            }
            if (dim < 0) {
                dim = row.length;
            } else if (row.length != dim) {
                throw new IllegalArgumentException(
                        "The " + what + " vector in row " + r + " has " + row.length + " values, expected " + dim
                                + ": all vectors must come from the same encoder and feature type.");
            }
            for (int c = 0; c < row.length; c++) {
                if (!Float.isFinite(row[c])) {
                    throw new IllegalArgumentException(
                            "The " + what + " vector in row " + r + " holds " + row[c] + " at position " + c
                                    + ": re-extract the embeddings (the encoder produced invalid values).");
                }
            }
        }
        return dim;
    }

    /**
     * Squared L2 norm of every row, summed in dimension order (the same order as the dot products, so
     * a vector's distance to an identical copy is as small as rounding allows).
     */
    static float[] squaredNorms(float[][] rows) {
        float[] out = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            float s = 0f;
            for (float v : rows[r]) {
                s += v * v;
            }
            out[r] = s;
        }
        return out;
    }

    /** 1 / L2 norm of every row; 0 for all-zero rows (their cosine distance is then 1, as in sklearn). */
    static float[] inverseNorms(float[][] rows) {
        float[] out = squaredNorms(rows);
        for (int r = 0; r < out.length; r++) {
            out[r] = out[r] > 0f ? (float) (1.0 / Math.sqrt(out[r])) : 0f;
        }
        return out;
    }
}
