package org.vidssl.core.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** A share of the labelled videos, the same share of every class: the few-labels setting of label efficiency. */
public final class LabelSubset {

    private LabelSubset() {}

    /**
     * Keeps {@code max(1, round(fraction * n))} of each class's {@code n} videos, drawn at random from {@code seed}
     * (the same seed and videos give the same subset, whatever their order), in the order of {@code videos}.
     *
     * @param fraction share of each class to keep, in (0, 1]; 1 keeps every video
     * @throws IllegalArgumentException for a fraction outside (0, 1]
     */
    public static List<VideoEntry> stratified(List<VideoEntry> videos, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("Label fraction is " + fraction
                    + ": use a share of the training labels above 0 and at most 1 (e.g. 0.1 for 10%).");
        }
        Map<Integer, List<VideoEntry>> byClass = new LinkedHashMap<>();
        videos.stream()
                .sorted(Comparator.comparingInt(VideoEntry::classIndex).thenComparing(VideoEntry::videoId))
                .forEach(v -> byClass.computeIfAbsent(v.classIndex(), c -> new ArrayList<>())
                        .add(v));
        Random random = new Random(seed);
        Set<VideoEntry> kept = new HashSet<>();
        for (List<VideoEntry> members : byClass.values()) {
            Collections.shuffle(members, random);
            kept.addAll(members.subList(0, Math.max(1, (int) Math.round(fraction * members.size()))));
        }
        return videos.stream().filter(kept::contains).toList();
    }
}
