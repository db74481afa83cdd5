package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.InvalidSettingsException;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;

class TrainingInputsTest {

    private static VideoEntry video(final String id, final String cls, final int index, final Split split) {
        return new VideoEntry(id, cls, index, split, Path.of(id + ".mp4"), -1);
    }

    private static final List<VideoEntry> VIDEOS = List.of(
            video("a", "walk", 0, Split.TRAIN), video("b", "run", 1, Split.TRAIN), video("c", "walk", 0, Split.TEST));

    @Test
    void theTrainSplitFilterKeepsOnlyTrainingRows() {
        assertEquals(VIDEOS.subList(0, 2), TrainingInputs.select(VIDEOS, true));
        assertEquals(VIDEOS, TrainingInputs.select(VIDEOS, false));
    }

    @Test
    void aBatchNeedsEnoughVideos() throws Exception {
        TrainingInputs.requireBatch(VIDEOS, 3, false);
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> TrainingInputs.requireBatch(VIDEOS.subList(0, 2), 4, true))
                .getMessage();
        assertEquals(
                "Only 2 usable training video(s) but the batch size is 4: lower the batch size or connect more "
                        + "videos (only rows with Split = train are used).",
                message);
    }

    @Test
    void classesAreOrderedByIndexAndAtLeastTwo() throws Exception {
        assertEquals(List.of("walk", "run"), TrainingInputs.classes(VIDEOS));
        String one = assertThrows(InvalidSettingsException.class, () -> TrainingInputs.classes(List.of(VIDEOS.get(0))))
                .getMessage();
        assertTrue(one.startsWith("The training videos have 1 class(es)"), one);
        String clash = assertThrows(
                        InvalidSettingsException.class,
                        () -> TrainingInputs.classes(List.of(VIDEOS.get(0), video("d", "jump", 0, Split.TRAIN))))
                .getMessage();
        assertTrue(clash.startsWith("Class index 0 is used for both 'walk' and 'jump'"), clash);
    }

    @Test
    void anExistingCheckpointNeedsResume(@TempDir final Path folder) throws Exception {
        Path checkpoint = folder.resolve("checkpoint.zip");
        TrainingInputs.checkResume(checkpoint, false); // none yet: a new run
        TrainingInputs.checkResume(checkpoint, true); // none yet: resume starts a new run too
        Files.writeString(checkpoint, "state");
        TrainingInputs.checkResume(checkpoint, true);
        String message = assertThrows(
                        InvalidSettingsException.class, () -> TrainingInputs.checkResume(checkpoint, false))
                .getMessage();
        assertEquals(
                "Checkpoint folder '" + folder + "' holds a checkpoint (checkpoint.zip): tick 'Resume from "
                        + "checkpoint' to continue it, or delete it or choose another folder to start over.",
                message);
    }
}
