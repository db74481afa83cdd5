package org.vidssl.knime.util;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.engine.TorchRuntime;

/** The engine's progress/cancel channel, answered by a KNIME {@link ExecutionMonitor}. */
public final class KnimeProgress implements Progress {

    /** An engine step that reports to a {@link Progress}. */
    @FunctionalInterface
    public interface EngineCall<T> {
        T call(Progress progress) throws Exception;
    }

    private final ExecutionMonitor m_exec;

    public KnimeProgress(final ExecutionMonitor exec) {
        m_exec = exec;
    }

    @Override
    public void report(final double fraction, final String message) {
        if (Double.isNaN(fraction)) {
            m_exec.setMessage(message);
        } else {
            m_exec.setProgress(Math.max(0, Math.min(1, fraction)), message);
        }
    }

    @Override
    public boolean isCancelled() {
        try {
            m_exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) {
            return true;
        }
    }

    /**
     * Runs an engine call with progress going to {@code exec}; the engine's own cancellation becomes KNIME's, so
     * the node stops with "cancelled" rather than an error. The thread's context class loader is the engine
     * bundle's meanwhile, where DJL looks up its engine and native library inside OSGi.
     */
    public static <T> T run(final ExecutionMonitor exec, final EngineCall<T> call) throws Exception {
        try {
            return TorchRuntime.withContextClassLoader(() -> call.call(new KnimeProgress(exec)));
        } catch (CancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        }
    }
}
