package org.vidssl.core.dataset;

import java.nio.file.Path;

/**
 * A dataset that cannot be read at all, or an entry that must not be read (a path leaving the
 * dataset folder). The message names the file, the line and what to do.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /** @param line 1-based line in {@code file}, 0 when the whole file is concerned */
    public DatasetException(Path file, int line, String message) {
        this(file, line, message, null);
    }

    public DatasetException(Path file, int line, String message, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
