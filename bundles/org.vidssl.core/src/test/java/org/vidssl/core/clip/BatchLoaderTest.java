package org.vidssl.core.clip;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;

class BatchLoaderTest {

    /** Clips whose every value encodes (video, epoch, clip number), so batches can be checked exactly. */
    static final class FakeSource implements ClipSource {
        final List<VideoEntry> videos = new ArrayList<>();
        final AtomicInteger loads = new AtomicInteger();
        volatile int failVideo = -1;
        volatile long delayMillis;
        volatile boolean withFlow;

        FakeSource(int n) {
            for (int i = 0; i < n; i++) {
                videos.add(new VideoEntry("video" + i, "c" + (i % 3), i % 3, Split.TRAIN, Path.of("v" + i), 8));
            }
        }

        @Override
        public List<VideoEntry> videos() {
            return videos;
        }

        @Override
        public ClipSettings settings() {
            return ClipSettings.DEFAULTS;
        }

        Clip clip(float value, boolean looped) {
            float[] rgb = new float[3 * 2 * 2 * 2];
            Arrays.fill(rgb, value);
            float[] u = withFlow ? rgb.clone() : null;
            if (u != null) {
                Arrays.fill(u, -value);
            }
            return new Clip(rgb, u, null, 2, 2, 2, looped);
        }

        @Override
        public Clip trainClip(int video, long seed, int epoch) {
            loads.incrementAndGet();
            sleep();
            if (video == failVideo) {
                throw new IllegalStateException("corrupt frame 3");
            }
            return clip(video * 100 + epoch, video == 1);
        }

        @Override
        public List<Clip> testClips(int video, int count) {
            sleep();
            List<Clip> clips = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                clips.add(clip(video * 100 + c, false));
            }
            return clips;
        }

        private void sleep() {
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
        }
    }

    private static List<ClipBatch> drain(BatchLoader loader) {
        List<ClipBatch> batches = new ArrayList<>();
        while (loader.hasNext()) {
            batches.add(loader.next());
        }
        return batches;
    }

    @Test
    void trainingEpochCoversEveryVideoOnceInASeededShuffledOrder() {
        FakeSource source = new FakeSource(10);
        List<ClipBatch> a;
        try (BatchLoader loader = BatchLoader.training(source, null, 4, false, 7, 3, 3, 2, Progress.NONE)) {
            assertEquals(3, loader.batchCount());
            a = drain(loader);
        }
        assertEquals(List.of(4, 4, 2), a.stream().map(ClipBatch::size).toList());
        Set<Integer> seen = new HashSet<>();
        List<Integer> order = new ArrayList<>();
        for (ClipBatch b : a) {
            for (int i = 0; i < b.size(); i++) {
                int v = b.videoIndices()[i];
                assertTrue(seen.add(v), "video twice in one epoch");
                order.add(v);
                assertEquals(v % 3, b.labels()[i]);
                // every value of clip i is video*100 + epoch; flow absent
                assertEquals(v * 100 + 3, b.data()[i * b.clipSize()], 0);
                assertEquals(v * 100 + 3, b.data()[(i + 1) * b.clipSize() - 1], 0);
            }
            assertNull(b.flowU());
            assertArrayEquals(new long[] {b.size(), 3, 2, 2, 2}, b.shape());
        }
        assertEquals(10, seen.size());
        assertNotEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order, "order should be shuffled");

        try (BatchLoader same = BatchLoader.training(source, null, 4, false, 7, 3, 1, 1, Progress.NONE);
                BatchLoader otherEpoch = BatchLoader.training(source, null, 4, false, 7, 4, 1, 1, Progress.NONE)) {
            List<Integer> again = drain(same).stream()
                    .flatMap(b -> Arrays.stream(b.videoIndices()).boxed())
                    .toList();
            List<Integer> other = drain(otherEpoch).stream()
                    .flatMap(b -> Arrays.stream(b.videoIndices()).boxed())
                    .toList();
            assertEquals(order, again, "same seed and epoch, different thread count: same order");
            assertNotEquals(order, other, "another epoch shuffles differently");
        }
    }

    @Test
    void dropLastDropsThePartialBatchAndLoopedIsReported() {
        FakeSource source = new FakeSource(10);
        try (BatchLoader loader = BatchLoader.training(source, null, 4, true, 1, 0, 2, 2, Progress.NONE)) {
            List<ClipBatch> batches = drain(loader);
            assertEquals(2, batches.size());
            long loopedBatches = batches.stream().filter(ClipBatch::anyLooped).count();
            boolean video1Present = batches.stream()
                    .anyMatch(b -> Arrays.stream(b.videoIndices()).anyMatch(v -> v == 1));
            assertEquals(video1Present ? 1 : 0, loopedBatches);
        }
    }

    @Test
    void flowArraysTravelWithTheBatch() {
        FakeSource source = new FakeSource(3);
        source.withFlow = true;
        try (BatchLoader loader = BatchLoader.training(source, new int[] {2}, 1, false, 1, 0, 1, 1, Progress.NONE)) {
            ClipBatch b = loader.next();
            assertEquals(-200f, b.flowU()[0], 0);
            assertNull(b.flowV());
        }
    }

    @Test
    void evaluationGivesAllTestClipsOfEachVideoInOrder() {
        FakeSource source = new FakeSource(5);
        try (BatchLoader loader = BatchLoader.evaluation(source, null, 2, 3, 2, 2, Progress.NONE)) {
            List<ClipBatch> batches = drain(loader);
            assertEquals(3, batches.size());
            assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, batches.get(0).videoIndices());
            assertArrayEquals(new int[] {4, 4, 4}, batches.get(2).videoIndices());
            ClipBatch b = batches.get(0);
            for (int i = 0; i < 6; i++) {
                assertEquals(b.videoIndices()[i] * 100 + i % 3, b.data()[i * b.clipSize()], 0);
            }
        }
    }

    @Test
    void workerErrorNamesTheVideo() {
        FakeSource source = new FakeSource(6);
        source.failVideo = 4;
        try (BatchLoader loader = BatchLoader.training(source, null, 2, false, 1, 0, 2, 2, Progress.NONE)) {
            BatchLoader.ClipLoadException e = assertThrows(BatchLoader.ClipLoadException.class, () -> drain(loader));
            assertTrue(e.getMessage().contains("video4"), e.getMessage());
            assertTrue(e.getMessage().contains("corrupt frame 3"), e.getMessage());
        }
    }

    @Test
    void prefetchIsBoundedAndCloseStopsWorkers() throws Exception {
        FakeSource source = new FakeSource(40);
        source.delayMillis = 20;
        BatchLoader loader = BatchLoader.training(source, null, 2, false, 1, 0, 2, 2, Progress.NONE);
        loader.next();
        Thread.sleep(300);
        // one batch consumed, at most 2 more in flight: 6 clips of 2 per batch
        assertTrue(source.loads.get() <= 6, "loaded " + source.loads.get() + " clips, prefetch must bound it");
        loader.close();
        assertTrue(loader.awaitTermination(2000), "workers must stop promptly after close");
        assertFalse(loader.hasNext());
    }

    @Test
    void cancellationStopsAWaitingConsumer() throws Exception {
        FakeSource source = new FakeSource(8);
        source.delayMillis = 10_000;
        AtomicBoolean cancelled = new AtomicBoolean();
        Progress progress = new Progress() {
            @Override
            public void report(double fraction, String message) {}

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        try (BatchLoader loader = BatchLoader.training(source, null, 2, false, 1, 0, 2, 2, progress)) {
            Thread consumer = new Thread(() -> {
                try {
                    loader.next();
                } catch (CancelledException e) {
                    sawCancel.set(true);
                }
                done.countDown();
            });
            consumer.start();
            Thread.sleep(200);
            cancelled.set(true);
            assertTrue(done.await(2, TimeUnit.SECONDS), "consumer must notice cancellation promptly");
            assertTrue(sawCancel.get());
            loader.close();
            assertTrue(loader.awaitTermination(2000));
        }
    }
}
