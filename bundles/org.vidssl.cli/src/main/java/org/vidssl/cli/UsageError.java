package org.vidssl.cli;

/**
 * A command line the tool cannot run as given (options that do not go together, an input file named on the command
 * line that does not exist): exit code 2 like picocli's own usage errors, where run-time failures give 1.
 */
final class UsageError extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }

    /** Fails unless {@code file}, given with {@code option}, is an existing file. */
    static void requireFile(String option, java.nio.file.Path file) {
        if (file != null && !java.nio.file.Files.isRegularFile(file)) {
            throw new UsageError(option + " file " + file + " does not exist or is not a file.");
        }
    }
}
