package org.vidssl.cli;

import org.vidssl.torch.train.ResumePolicy;

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

    /**
     * The resume rule shared with the KNIME nodes ({@link ResumePolicy}): with --resume a checkpoint in
     * --checkpoint-dir is continued (an empty folder starts a new run); without it, a --checkpoint-dir that holds a
     * checkpoint is refused instead of continued or overwritten.
     *
     * @param checkpointFile the command's checkpoint file in --checkpoint-dir, or null when no folder is given
     */
    static void checkResume(java.nio.file.Path checkpointFile, boolean resume) {
        if (checkpointFile == null) {
            if (resume) {
                throw new UsageError("--resume needs a checkpoint folder: give --checkpoint-dir.");
            }
            return;
        }
        try {
            ResumePolicy.check(checkpointFile, resume, "add --resume");
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
