package org.vidssl.core.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One video of a dataset: a row of the dataset table.
 *
 * @param videoId    name without extension, e.g. {@code v_ApplyEyeMakeup_g08_c01}
 * @param className  class name as spelled by {@code classInd.txt} (or the class folder)
 * @param classIndex 0-based label used by the networks (UCF101's 1-based index minus one)
 * @param split      train or test
 * @param source     a video file or a folder of {@code frame000001.jpg ...}
 * @param frameCount number of frames, or -1 when not known yet (video not decoded)
 */
public record VideoEntry(String videoId, String className, int classIndex, Split split, Path source, int frameCount) {

    public VideoEntry {
        Objects.requireNonNull(videoId, "videoId");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(source, "source");
    }

    /** True when {@link #source()} is a frame folder rather than a video file. */
    public boolean isFrameFolder() {
        return java.nio.file.Files.isDirectory(source);
    }

    public VideoEntry withSource(Path newSource, int newFrameCount) {
        return new VideoEntry(videoId, className, classIndex, split, newSource, newFrameCount);
    }
}
