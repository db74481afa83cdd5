package org.vidssl.core.progress;

/**
 * Progress and cancellation channel from the engine to its caller (a KNIME
 * ExecutionMonitor, a CLI progress bar, or nothing). Long loops call
 * {@link #checkCancelled()} at least once per batch or video.
 */
public interface Progress {

    /** A sink that ignores reports and is never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void report(double fraction, String message) {}

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** @param fraction done so far in [0,1], or NaN when unknown */
    void report(double fraction, String message);

    boolean isCancelled();

    /** Throws {@link CancelledException} when the caller asked to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** A view of this progress that maps [0,1] onto [from, to] of the parent. */
    default Progress sub(double from, double to) {
        Progress parent = this;
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                parent.report(Double.isNaN(fraction) ? fraction : from + (to - from) * fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return parent.isCancelled();
            }
        };
    }
}
