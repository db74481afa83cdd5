package org.knime.core.node;

public class ExecutionMonitor {
    public ExecutionMonitor() { throw new UnsupportedOperationException(); }

    public void checkCanceled() throws CanceledExecutionException { throw new UnsupportedOperationException(); }

    public void setProgress(final double progress) { throw new UnsupportedOperationException(); }

    public void setProgress(final double progress, final String message) { throw new UnsupportedOperationException(); }

    public void setMessage(final String message) { throw new UnsupportedOperationException(); }

    public ExecutionMonitor createSubProgress(final double maxProg) { throw new UnsupportedOperationException(); }
}
