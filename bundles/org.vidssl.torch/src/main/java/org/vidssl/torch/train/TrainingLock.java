package org.vidssl.torch.train;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;

/**
 * DJL allows one active GradientCollector per JVM, so trainings run one at a time: later requests wait in
 * arrival order (a fair lock), say so through their Progress, and can be cancelled while waiting.
 */
public final class TrainingLock {

    public static final String WAITING = "Waiting for another training to finish";

    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private TrainingLock() {}

    /** Held lock; close to release. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Blocks until this thread may train; throws {@link CancelledException} when cancelled while waiting. */
    public static Held acquire(Progress progress) {
        Progress p = progress == null ? Progress.NONE : progress;
        try {
            if (!LOCK.tryLock(0, TimeUnit.MILLISECONDS)) {
                p.report(Double.NaN, WAITING);
                while (!LOCK.tryLock(100, TimeUnit.MILLISECONDS)) {
                    p.checkCancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        return LOCK::unlock;
    }

    /** True while some thread trains. */
    public static boolean isBusy() {
        return LOCK.isLocked();
    }
}
