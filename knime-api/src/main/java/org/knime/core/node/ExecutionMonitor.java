package org.knime.core.node;

/** In memory: reports to a progress monitor; a sub-progress maps its 0..1 onto a slice of its parent's range. */
public class ExecutionMonitor {
    private final NodeProgressMonitor m_progress;

    public ExecutionMonitor() {
        this(new DefaultNodeProgressMonitor());
    }

    public ExecutionMonitor(final NodeProgressMonitor progress) {
        m_progress = progress;
    }

    public final NodeProgressMonitor getProgressMonitor() {
        return m_progress;
    }

    public void checkCanceled() throws CanceledExecutionException {
        m_progress.checkCanceled();
    }

    public void setProgress(final double progress) {
        m_progress.setProgress(progress);
    }

    public void setProgress(final double progress, final String message) {
        m_progress.setProgress(progress, message);
    }

    public void setMessage(final String message) {
        m_progress.setMessage(message);
    }

    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(subProgress(maxProg));
    }

    /** A monitor for the next {@code maxProg} of this one's range, sharing its cancel flag. */
    final NodeProgressMonitor subProgress(final double maxProg) {
        NodeProgressMonitor parent = m_progress;
        double start = parent.getProgress() == null ? 0 : parent.getProgress();
        return new NodeProgressMonitor() {
            private Double m_own;

            @Override
            public void checkCanceled() throws CanceledExecutionException {
                parent.checkCanceled();
            }

            @Override
            public void setExecuteCanceled() {
                parent.setExecuteCanceled();
            }

            @Override
            public void setProgress(final double progress) {
                m_own = progress;
                parent.setProgress(start + maxProg * progress);
            }

            @Override
            public void setProgress(final double progress, final String message) {
                m_own = progress;
                parent.setProgress(start + maxProg * progress, message);
            }

            @Override
            public void setMessage(final String message) {
                parent.setMessage(message);
            }

            @Override
            public Double getProgress() {
                return m_own;
            }

            @Override
            public String getMessage() {
                return parent.getMessage();
            }
        };
    }
}
