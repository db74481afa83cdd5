package org.vidssl.core.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * A read dataset: its classes, its videos and what was wrong with the entries that were skipped.
 *
 * @param name     dataset name (the root folder's name)
 * @param root     dataset root
 * @param classes  class names; position = {@link VideoEntry#classIndex()}
 * @param videos   every usable video, train list first (in list order), then test
 * @param problems entries skipped or kept with a warning
 */
public record VideoDataset(
        String name, Path root, List<String> classes, List<VideoEntry> videos, List<DatasetProblem> problems) {

    public VideoDataset {
        classes = List.copyOf(classes);
        videos = List.copyOf(videos);
        problems = List.copyOf(problems);
    }

    /** The videos of one split, in dataset order. */
    public List<VideoEntry> videos(Split split) {
        return videos.stream().filter(v -> v.split() == split).toList();
    }

    public int classCount() {
        return classes.size();
    }

    /** Number of videos per class index in the given split. */
    public int[] classCounts(Split split) {
        int[] counts = new int[classes.size()];
        for (VideoEntry v : videos) {
            if (v.split() == split) {
                counts[v.classIndex()]++;
            }
        }
        return counts;
    }

    /** One line per split and the number of problems, for logs and node descriptions. */
    public String summary() {
        return name + ": " + classes.size() + " classes, " + videos(Split.TRAIN).size() + " train and "
                + videos(Split.TEST).size() + " test videos"
                + (problems.isEmpty() ? "" : ", " + problems.size() + " problems");
    }
}
