package org.vidssl.knime.util;

import java.util.List;
import java.util.TreeMap;
import org.vidssl.core.dataset.VideoEntry;

/** The class list of a labelled video table, as classifiers number their outputs. */
public final class ClassList {

    private ClassList() {}

    /**
     * Class names ordered by class index: output i of a classifier is class i.
     *
     * @throws IllegalArgumentException when one index has two names or the indices have gaps (naming them)
     */
    public static List<String> of(final List<VideoEntry> videos) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (VideoEntry v : videos) {
            String previous = byIndex.putIfAbsent(v.classIndex(), v.className());
            if (previous != null && !previous.equals(v.className())) {
                throw new IllegalArgumentException("Class index " + v.classIndex() + " is used for both '" + previous
                        + "' and '" + v.className() + "' (video " + v.videoId() + "): fix the Class index column.");
            }
        }
        if (!byIndex.isEmpty() && (byIndex.firstKey() != 0 || byIndex.lastKey() != byIndex.size() - 1)) {
            throw new IllegalArgumentException("Class indices must run from 0 to the number of classes - 1 without "
                    + "gaps; found " + byIndex.keySet() + ". Use every class in the training rows, or renumber them.");
        }
        return List.copyOf(byIndex.values());
    }
}
