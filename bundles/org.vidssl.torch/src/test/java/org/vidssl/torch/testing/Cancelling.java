package org.vidssl.torch.testing;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.vidssl.core.progress.Progress;

/** Fault injection for the engine calls: a Progress that cancels after some reports and times the stop. */
public final class Cancelling implements Progress {

    private final int afterReports;
    private final AtomicInteger reports = new AtomicInteger();
    private final AtomicLong cancelledAt = new AtomicLong();

    public Cancelling(int afterReports) {
        this.afterReports = afterReports;
    }

    @Override
    public void report(double fraction, String message) {
        reports.incrementAndGet();
    }

    @Override
    public boolean isCancelled() {
        if (reports.get() < afterReports) {
            return false;
        }
        cancelledAt.compareAndSet(0, System.nanoTime());
        return true;
    }

    /** Seconds from the first time the engine saw the cancellation until now. */
    public double secondsSinceCancelSeen() {
        long at = cancelledAt.get();
        if (at == 0) {
            throw new AssertionError("the engine never asked whether it was cancelled");
        }
        return (System.nanoTime() - at) / 1e9;
    }

    /** Native arrays alive in the whole engine (every manager below DJL's system manager). */
    public static int liveNativeArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return ((BaseNDManager) probe.getParentManager()).getManagedArrays().size();
        }
    }
}
