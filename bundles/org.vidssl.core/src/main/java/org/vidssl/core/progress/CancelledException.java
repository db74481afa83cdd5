package org.vidssl.core.progress;

/** Thrown by engine loops when the caller cancelled; callers map it to their own cancellation type. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("Cancelled by the user");
    }
}
