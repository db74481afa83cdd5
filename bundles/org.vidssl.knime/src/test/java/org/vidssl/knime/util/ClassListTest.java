package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;

class ClassListTest {

    private static VideoEntry video(final String id, final String cls, final int index) {
        return new VideoEntry(id, cls, index, Split.TRAIN, Path.of(id + ".mp4"), -1);
    }

    @Test
    void classesAreOrderedByIndexWhateverTheRowOrder() {
        assertEquals(
                List.of("walk", "run", "jump"),
                ClassList.of(List.of(
                        video("a", "jump", 2), video("b", "walk", 0), video("c", "run", 1), video("d", "walk", 0))));
    }

    @Test
    void conflictingNamesAndGapsAreExplained() {
        IllegalArgumentException twoNames = assertThrows(
                IllegalArgumentException.class,
                () -> ClassList.of(List.of(video("a", "walk", 0), video("b", "run", 0))));
        assertTrue(twoNames.getMessage().contains("both 'walk' and 'run' (video b)"), twoNames.getMessage());
        IllegalArgumentException gap = assertThrows(
                IllegalArgumentException.class,
                () -> ClassList.of(List.of(video("a", "walk", 0), video("b", "run", 2))));
        assertTrue(gap.getMessage().contains("[0, 2]"), gap.getMessage());
    }
}
