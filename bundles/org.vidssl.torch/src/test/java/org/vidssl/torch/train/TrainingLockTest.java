package org.vidssl.torch.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;

class TrainingLockTest {

    static Progress recording(List<String> messages, AtomicBoolean cancelled) {
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                messages.add(message);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    @Test
    void secondTrainingWaitsSaysSoAndCanBeCancelled() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Throwable> waiterResult = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        try (TrainingLock.Held first = TrainingLock.acquire(Progress.NONE)) {
            Thread waiter = new Thread(() -> {
                try (TrainingLock.Held second = TrainingLock.acquire(recording(messages, cancelled))) {
                    waiterResult.set(new AssertionError("acquired while held"));
                } catch (Throwable t) {
                    waiterResult.set(t);
                }
                finished.countDown();
            });
            waiter.start();
            Thread.sleep(300);
            assertEquals(List.of(TrainingLock.WAITING), messages);
            cancelled.set(true);
            assertTrue(finished.await(2, TimeUnit.SECONDS));
            assertInstanceOf(CancelledException.class, waiterResult.get());
        }
        assertFalse(TrainingLock.isBusy());
    }

    @Test
    void queuedTrainingRunsAfterTheFirstFinishes() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter;
        try (TrainingLock.Held first = TrainingLock.acquire(Progress.NONE)) {
            waiter = new Thread(() -> {
                try (TrainingLock.Held second = TrainingLock.acquire(Progress.NONE)) {
                    order.add("second");
                }
                done.countDown();
            });
            waiter.start();
            Thread.sleep(200);
            order.add("first done");
        }
        assertTrue(done.await(2, TimeUnit.SECONDS));
        assertEquals(List.of("first done", "second"), order);
    }
}
