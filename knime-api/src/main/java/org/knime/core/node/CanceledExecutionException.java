package org.knime.core.node;

public class CanceledExecutionException extends Exception {
    private static final long serialVersionUID = 1L;

    public CanceledExecutionException() {}

    public CanceledExecutionException(final String message) {
        super(message);
    }
}
