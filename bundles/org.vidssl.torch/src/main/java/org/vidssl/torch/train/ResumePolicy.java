package org.vidssl.torch.train;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What "resume" means, the same in the KNIME nodes ('Resume from checkpoint') and the command-line tool
 * ({@code --resume}). With a checkpoint folder set:
 * <ul>
 * <li>resume on: when the folder holds the trainer's checkpoint, the run continues it; the checkpoint must have been
 * written with the same settings (only epochs, device, threads and the checkpoint interval may change; other
 * settings are an error naming the file, never a silent restart). An empty folder starts a new run. So the same
 * command, or the same node, run again after a kill or cancel continues where it stopped.</li>
 * <li>resume off: the run starts from scratch, and a folder that already holds a checkpoint is refused (never
 * silently continued or overwritten).</li>
 * </ul>
 * The engine calls ({@link TrainingLoop}) behave as resume on; the front ends check this rule first.
 */
public final class ResumePolicy {

    private ResumePolicy() {}

    /**
     * Refuses a checkpoint folder that holds a checkpoint when resume is off.
     *
     * @param checkpointFile the trainer's checkpoint file in the chosen folder
     * @param turnOn         what the user does to continue the checkpoint, e.g. "add --resume"
     * @throws IllegalArgumentException when resume is off and the checkpoint is there, saying what to do
     */
    public static void check(Path checkpointFile, boolean resume, String turnOn) {
        if (!resume && Files.exists(checkpointFile)) {
            throw new IllegalArgumentException("Checkpoint folder '" + checkpointFile.getParent() + "' holds a "
                    + "checkpoint (" + checkpointFile.getFileName() + "): " + turnOn + " to continue it, "
                    + "or delete it or choose another folder to start over.");
        }
    }
}
