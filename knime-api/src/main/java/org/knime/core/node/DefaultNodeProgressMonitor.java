package org.knime.core.node;

/** In memory: the last progress and message, and a cancel flag any thread may set. */
public class DefaultNodeProgressMonitor implements NodeProgressMonitor {
    private volatile boolean m_canceled;

    private Double m_progress;

    private String m_message;

    public DefaultNodeProgressMonitor() {}

    @Override
    public void checkCanceled() throws CanceledExecutionException {
        if (m_canceled) {
            throw new CanceledExecutionException("Execution canceled");
        }
    }

    @Override
    public void setExecuteCanceled() {
        m_canceled = true;
    }

    @Override
    public synchronized void setProgress(final double progress) {
        m_progress = progress;
    }

    @Override
    public synchronized void setProgress(final double progress, final String message) {
        m_progress = progress;
        m_message = message;
    }

    @Override
    public synchronized void setMessage(final String message) {
        m_message = message;
    }

    @Override
    public synchronized Double getProgress() {
        return m_progress;
    }

    @Override
    public synchronized String getMessage() {
        return m_message;
    }
}
