package org.vidssl.core.clip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.vidssl.core.progress.Progress;

/**
 * Iterates batches of clips over a {@link ClipSource}, loading clips on a thread pool while the
 * consumer trains on earlier batches. At most {@code prefetch} batches are in flight, so memory
 * stays bounded. Each clip task writes straight into its slot of the batch array.
 *
 * <p>Training mode: one random clip per video per epoch, videos in a shuffled order that depends only
 * on (seed, epoch), like the reference's {@code DataLoader(shuffle=True, drop_last=True)}.
 * Evaluation mode: all {@code clipsPerVideo} test clips of each video in list order; a batch holds
 * the clips of {@code videosPerBatch} videos.
 *
 * <p>Errors of a worker surface in {@link #next()} as a {@link ClipLoadException} naming the video.
 * {@link #close()} cancels the workers; it must be called (try-with-resources).
 */
public final class BatchLoader implements Iterator<ClipBatch>, AutoCloseable {

    /** Thrown by {@link #next()} when loading a clip failed; names the video. */
    public static final class ClipLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ClipLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private interface ClipLoader {
        List<Clip> load(int video);
    }

    /** One planned batch: the videos it reads. */
    private record Plan(int[] videos) {}

    /** A batch whose clips are being loaded. */
    private record Pending(Plan plan, List<Future<List<Clip>>> clips) {}

    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final ClipSource source;
    private final ClipLoader loader;
    private final List<Plan> plans;
    private final int prefetch;
    private final Progress progress;
    private final ExecutorService pool;
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private int nextToSubmit;
    private int nextToReturn;
    private volatile boolean closed;

    private BatchLoader(
            ClipSource source, ClipLoader loader, List<Plan> plans, int threads, int prefetch, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("Loader threads is " + threads + ": use at least 1.");
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("Prefetch is " + prefetch + " batches: use at least 1.");
        }
        this.source = source;
        this.loader = loader;
        this.plans = plans;
        this.prefetch = prefetch;
        this.progress = progress == null ? Progress.NONE : progress;
        int poolId = POOL_COUNTER.incrementAndGet();
        AtomicInteger threadCounter = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "vidssl-clip-loader-" + poolId + "-" + threadCounter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, daemons);
    }

    /**
     * Training batches of one epoch.
     *
     * @param videos    indices into {@code source.videos()} to train on (null = all)
     * @param dropLast  drop the last partial batch (the reference does)
     * @param threads   loader threads
     * @param prefetch  batches loaded ahead of the consumer (2-3 is plenty)
     */
    public static BatchLoader training(
            ClipSource source,
            int[] videos,
            int batchSize,
            boolean dropLast,
            long seed,
            int epoch,
            int threads,
            int prefetch,
            Progress progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size is " + batchSize + ": use at least 1.");
        }
        int[] order = videos == null ? identity(source.videos().size()) : videos.clone();
        shuffle(order, new Random(epochSeed(seed, epoch)));
        List<Plan> plans = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            if (to - from < batchSize && dropLast) {
                break;
            }
            plans.add(new Plan(Arrays.copyOfRange(order, from, to)));
        }
        return new BatchLoader(
                source, v -> List.of(source.trainClip(v, seed, epoch)), plans, threads, prefetch, progress);
    }

    /** Evaluation batches: every video in order, each with its {@code clipsPerVideo} test clips. */
    public static BatchLoader evaluation(
            ClipSource source,
            int[] videos,
            int videosPerBatch,
            int clipsPerVideo,
            int threads,
            int prefetch,
            Progress progress) {
        if (videosPerBatch < 1 || clipsPerVideo < 1) {
            throw new IllegalArgumentException("Videos per batch (" + videosPerBatch + ") and clips per video ("
                    + clipsPerVideo + ") must be at least 1.");
        }
        int[] order = videos == null ? identity(source.videos().size()) : videos.clone();
        List<Plan> plans = new ArrayList<>();
        for (int from = 0; from < order.length; from += videosPerBatch) {
            plans.add(new Plan(Arrays.copyOfRange(order, from, Math.min(order.length, from + videosPerBatch))));
        }
        return new BatchLoader(source, v -> source.testClips(v, clipsPerVideo), plans, threads, prefetch, progress);
    }

    /** Seed of the shuffle of one epoch; also usable by callers that need per-epoch randomness. */
    public static long epochSeed(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Number of batches this loader returns in total. */
    public int batchCount() {
        return plans.size();
    }

    @Override
    public boolean hasNext() {
        return !closed && nextToReturn < plans.size();
    }

    @Override
    public ClipBatch next() {
        if (closed) {
            throw new IllegalStateException("The batch loader is closed");
        }
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        fillQueue();
        Pending pending = inFlight.removeFirst();
        nextToReturn++;
        fillQueue();
        List<Clip> clips = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < pending.clips().size(); i++) {
            int video = pending.plan().videos()[i];
            for (Clip c : await(pending.clips().get(i), video)) {
                clips.add(c);
                owners.add(video);
            }
        }
        return assemble(clips, owners);
    }

    private void fillQueue() {
        while (inFlight.size() < prefetch && nextToSubmit < plans.size()) {
            Plan plan = plans.get(nextToSubmit++);
            List<Future<List<Clip>>> futures = new ArrayList<>(plan.videos().length);
            for (int video : plan.videos()) {
                futures.add(pool.submit(() -> loader.load(video)));
            }
            inFlight.addLast(new Pending(plan, futures));
        }
    }

    /** Waits for one clip while honouring cancellation of the consumer. */
    private List<Clip> await(Future<List<Clip>> future, int video) {
        while (true) {
            progress.checkCancelled();
            try {
                return future.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll cancellation again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("Interrupted while loading clips");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String id = source.videos().get(video).videoId();
                throw new ClipLoadException(
                        "Could not load a clip of video '" + id + "' ("
                                + source.videos().get(video).source() + "): " + cause.getMessage(),
                        cause);
            }
        }
    }

    private ClipBatch assemble(List<Clip> clips, List<Integer> owners) {
        Clip first = clips.get(0);
        int size = first.size();
        boolean flowU = first.flowU() != null;
        boolean flowV = first.flowV() != null;
        float[] data = new float[size * clips.size()];
        float[] u = flowU ? new float[data.length] : null;
        float[] v = flowV ? new float[data.length] : null;
        int[] indices = new int[clips.size()];
        int[] labels = new int[clips.size()];
        boolean looped = false;
        for (int i = 0; i < clips.size(); i++) {
            Clip c = clips.get(i);
            if (c.size() != size || c.length() != first.length()) {
                throw new ClipLoadException(
                        "Clip of video '" + source.videos().get(owners.get(i)).videoId()
                                + "' has shape " + c.length() + "x" + c.height() + "x" + c.width() + ", the batch has "
                                + first.length() + "x" + first.height() + "x" + first.width(),
                        null);
            }
            System.arraycopy(c.rgb(), 0, data, i * size, size);
            if (flowU) {
                System.arraycopy(c.flowU(), 0, u, i * size, size);
            }
            if (flowV) {
                System.arraycopy(c.flowV(), 0, v, i * size, size);
            }
            indices[i] = owners.get(i);
            labels[i] = source.videos().get(owners.get(i)).classIndex();
            looped |= c.looped();
        }
        return new ClipBatch(data, u, v, indices, labels, first.length(), first.height(), first.width(), looped);
    }

    /** Stops the workers; pending loads are cancelled. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Pending p : inFlight) {
            p.clips().forEach(f -> f.cancel(true));
        }
        inFlight.clear();
        pool.shutdownNow();
    }

    /** True once every worker thread has ended (after {@link #close()}). */
    public boolean awaitTermination(long millis) throws InterruptedException {
        return pool.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
