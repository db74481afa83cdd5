package org.vidssl.knime.util;

import java.nio.file.Path;
import java.util.List;
import org.knime.core.node.InvalidSettingsException;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.torch.train.ResumePolicy;

/** What the two training nodes check before they start: usable videos, classes and the checkpoint folder. */
public final class TrainingInputs {

    private TrainingInputs() {}

    /** The videos a training node learns from: all of them, or only the rows with Split = train. */
    public static List<VideoEntry> select(final List<VideoEntry> videos, final boolean trainSplitOnly) {
        return videos.stream()
                .filter(v -> !trainSplitOnly || v.split() == Split.TRAIN)
                .toList();
    }

    /** Contrastive batches need at least one batch of different videos. */
    public static void requireBatch(final List<VideoEntry> videos, final int batchSize, final boolean trainSplitOnly)
            throws InvalidSettingsException {
        if (videos.size() < batchSize) {
            throw new InvalidSettingsException("Only " + videos.size() + " usable training video(s) but the batch "
                    + "size is " + batchSize + ": lower the batch size or connect more videos"
                    + (trainSplitOnly ? " (only rows with Split = train are used)." : "."));
        }
    }

    /**
     * The class names of a classifier trained on these videos, by class index.
     *
     * @throws InvalidSettingsException when the indices are inconsistent or there are fewer than two classes
     */
    public static List<String> classes(final List<VideoEntry> videos) throws InvalidSettingsException {
        List<String> classes;
        try {
            classes = ClassList.of(videos);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
        if (classes.size() < 2) {
            throw new InvalidSettingsException("The training videos have " + classes.size() + " class(es): a "
                    + "classifier needs at least 2. Check the Class column and the split filter.");
        }
        return classes;
    }

    /**
     * The resume rule shared with the command-line tool ({@link ResumePolicy}): ticked, a checkpoint in the folder is
     * continued (an empty folder starts a new run); unticked, an existing checkpoint stops the node instead of being
     * continued or overwritten.
     */
    public static void checkResume(final Path checkpointFile, final boolean resume) throws InvalidSettingsException {
        try {
            ResumePolicy.check(checkpointFile, resume, "tick 'Resume from checkpoint'");
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
