package org.vidssl.video.clips;

/** A clip could not be read: names the video and the frame file or video file at fault. */
public final class ClipReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClipReadException(String message) {
        super(message);
    }

    public ClipReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
