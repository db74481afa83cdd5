package org.vidssl.torch.train;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What "resume" means, the same in the KNIME nodes and the command-line tool. With a checkpoint folder set:
 * <ul>
 * <li>resume on: the run continues the checkpoint in the folder, which must be there and must have been written
 * with the same settings (other settings are an error naming the file, never a silent restart);</li>
 * <li>resume off: the run starts from scratch, and a folder that already holds a checkpoint is refused (never
 * silently continued or overwritten).</li>
 * </ul>
 * The engine calls ({@link TrainingLoop}) resume whenever the folder holds a checkpoint; the front ends check this
 * policy first.
 */
public final class ResumePolicy {

    /**
     * How a front end names its resume option in messages.
     *
     * @param name    e.g. "--resume"
     * @param turnOn  what the user does to continue a checkpoint, e.g. "add --resume"
     * @param turnOff what the user does to start afresh, e.g. "leave --resume out"
     */
    public record Option(String name, String turnOn, String turnOff) {
    }

    private ResumePolicy() {
    }

    /**
     * Checks the resume option against the checkpoint folder.
     *
     * @param checkpointFile the trainer's checkpoint file in the chosen folder
     * @throws IllegalArgumentException when resume is on and there is no checkpoint, or off and there is one
     */
    public static void check(Path checkpointFile, boolean resume, Option option) {
        boolean exists = Files.exists(checkpointFile);
        if (resume && !exists) {
            throw new IllegalArgumentException(option.name() + " needs a checkpoint, but " + checkpointFile
                    + " does not exist: choose the checkpoint folder of the run to continue, or " + option.turnOff()
                    + " to start a new run.");
        }
        if (!resume && exists) {
            throw new IllegalArgumentException("Checkpoint folder '" + checkpointFile.getParent() + "' holds a "
                    + "checkpoint (" + checkpointFile.getFileName() + "): " + option.turnOn() + " to continue it, "
                    + "or delete it or choose another folder to start over.");
        }
    }
}
