package org.vidssl.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabelSubsetTest {

    /** 3 classes of 20, 10 and 3 videos. */
    private static List<VideoEntry> videos() {
        List<VideoEntry> v = new ArrayList<>();
        int[] sizes = {20, 10, 3};
        for (int c = 0; c < sizes.length; c++) {
            for (int i = 0; i < sizes[c]; i++) {
                v.add(new VideoEntry("c" + c + "_v" + i, "class" + c, c, Split.TRAIN, Path.of("c" + c + "_v" + i), 16));
            }
        }
        return v;
    }

    @Test
    void keepsTheShareOfEveryClassAndAtLeastOneVideo() {
        List<VideoEntry> subset = LabelSubset.stratified(videos(), 0.1, 7);
        Map<Integer, Long> perClass =
                subset.stream().collect(Collectors.groupingBy(VideoEntry::classIndex, Collectors.counting()));
        assertEquals(Map.of(0, 2L, 1, 1L, 2, 1L), perClass);
    }

    @Test
    void sameSeedSameSubsetWhateverTheOrderAndOtherSeedsDiffer() {
        List<VideoEntry> all = videos();
        List<VideoEntry> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new java.util.Random(1));
        List<VideoEntry> a = LabelSubset.stratified(all, 0.5, 632);
        List<VideoEntry> b = LabelSubset.stratified(shuffled, 0.5, 632);
        assertEquals(
                a.stream().map(VideoEntry::videoId).sorted().toList(),
                b.stream().map(VideoEntry::videoId).sorted().toList());
        assertNotEquals(a, LabelSubset.stratified(all, 0.5, 633));
        assertEquals(all.stream().filter(a::contains).toList(), a, "kept in the input's order");
        assertEquals(10 + 5 + 2, a.size());
    }

    @Test
    void fractionOneKeepsEverythingAndBadFractionsAreNamed() {
        assertEquals(videos(), LabelSubset.stratified(videos(), 1, 3));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LabelSubset.stratified(videos(), 0, 3));
        assertTrue(e.getMessage().startsWith("Label fraction is 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelSubset.stratified(videos(), 1.5, 3));
    }
}
