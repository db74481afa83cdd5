package org.vidssl.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;

class ValidationSplitTest {

    /** {@code perClass[c]} videos of class c. */
    static List<VideoEntry> videos(int... perClass) {
        List<VideoEntry> list = new ArrayList<>();
        for (int c = 0; c < perClass.length; c++) {
            for (int i = 0; i < perClass[c]; i++) {
                list.add(new VideoEntry("v" + c + "_" + i, "c" + c, c, Split.TRAIN, Path.of("v" + c + "_" + i), 20));
            }
        }
        return list;
    }

    @Test
    void splitIsDisjointCompleteAndReproducible() {
        List<VideoEntry> v = videos(10, 7, 1, 12);
        ValidationSplit a = ValidationSplit.of(v, 6, 632);
        assertEquals(a, ValidationSplit.of(v, 6, 632));
        assertNotEquals(a, ValidationSplit.of(v, 6, 633));
        assertEquals(6, a.validation().length);
        Set<Integer> all = new TreeSet<>();
        IntStream.of(a.train()).forEach(all::add);
        IntStream.of(a.validation()).forEach(all::add);
        assertEquals(v.size(), all.size(), "every video once");
        int[] sorted = a.validation();
        Arrays.sort(sorted);
        assertEquals(Arrays.toString(sorted), Arrays.toString(a.validation()), "ascending");
    }

    @Test
    void everyClassWithTwoVideosIsValidatedFirst() {
        List<VideoEntry> v = videos(10, 7, 1, 12);
        for (long seed = 0; seed < 20; seed++) {
            ValidationSplit s = ValidationSplit.of(v, 3, seed);
            Set<Integer> classes = new TreeSet<>();
            for (int i : s.validation()) {
                classes.add(v.get(i).classIndex());
            }
            assertEquals(Set.of(0, 1, 3), classes, "one of each class that keeps a training video, seed " + seed);
            assertTrue(Arrays.stream(s.train()).anyMatch(i -> v.get(i).classIndex() == 2), "the single video trains");
        }
    }

    @Test
    void impossibleCountsAreRefused() {
        List<VideoEntry> v = videos(2, 2);
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(v, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(v, 4, 1));
        assertTrue(e.getMessage().contains("4 of 4"), e.getMessage());
    }
}
