package org.knime.core.node;

public interface NodeProgressMonitor {
    void checkCanceled() throws CanceledExecutionException;

    void setExecuteCanceled();

    void setProgress(double progress);

    void setProgress(double progress, String message);

    void setMessage(String message);

    Double getProgress();

    String getMessage();
}
