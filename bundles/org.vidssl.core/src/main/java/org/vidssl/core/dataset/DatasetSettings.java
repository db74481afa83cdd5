package org.vidssl.core.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vidssl.core.settings.Checks;
import org.vidssl.core.settings.Setting;

/**
 * Settings of the Dataset step: where the videos are and how they are split.
 */
public record DatasetSettings(
        @Setting(label = "Dataset folder", description = "Dataset root holding the videos or frame folders.")
        Path root,

        @Setting(
                label = "Split-file folder",
                description = "Folder with classInd.txt, trainlist0N.txt, "
                        + "testlist0N.txt; empty = the root, else root/ucfTrainTestlist, else ucfTrainTestlist next to"
                        + " the "
                        + "root (as UCF101 unpacks).")
        Path splitDir,

        @Setting(label = "Layout", description = "Split files (UCF101/HMDB51) or plain class folders.")
        Layout layout,

        @Setting(label = "Split", description = "Which official split to read, 1 to 3 (split files only).")
        int split,

        @Setting(
                label = "Test fraction",
                description = "Share of each class held out for testing (class folders " + "only).")
        double testFraction,

        @Setting(label = "Seed", description = "Seed of the class-folder split.")
        long seed) {

    /** How the dataset declares its classes and its train/test split. */
    public enum Layout {
        /** classInd.txt + trainlist0N.txt + testlist0N.txt, as UCF101 and HMDB51 (IIC's format) */
        SPLIT_FILES,
        /** root/&lt;class&gt;/&lt;video file or frame folder&gt;, split at random per class */
        CLASS_FOLDERS
    }

    public static final DatasetSettings DEFAULTS = new DatasetSettings(null, null, Layout.SPLIT_FILES, 1, 0.3, 632);

    public DatasetSettings withRoot(Path newRoot) {
        return new DatasetSettings(newRoot, splitDir, layout, split, testFraction, seed);
    }

    public DatasetSettings withSplitDir(Path newSplitDir) {
        return new DatasetSettings(root, newSplitDir, layout, split, testFraction, seed);
    }

    public DatasetSettings withLayout(Layout newLayout) {
        return new DatasetSettings(root, splitDir, newLayout, split, testFraction, seed);
    }

    public DatasetSettings withSplit(int newSplit) {
        return new DatasetSettings(root, splitDir, layout, newSplit, testFraction, seed);
    }

    public DatasetSettings withTestFraction(double newTestFraction) {
        return new DatasetSettings(root, splitDir, layout, split, newTestFraction, seed);
    }

    public DatasetSettings withSeed(long newSeed) {
        return new DatasetSettings(root, splitDir, layout, split, testFraction, newSeed);
    }

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>(folderProblems());
        p.addAll(valueProblems());
        return p;
    }

    /** Problems of the dataset and split-file folders: not set, missing or not a folder (reads the file system). */
    public List<String> folderProblems() {
        List<String> p = new ArrayList<>();
        if (root == null) {
            p.add("Dataset folder is not set: choose the folder that holds the videos or frame folders.");
        } else if (!Files.isDirectory(root)) {
            p.add("Dataset folder " + root + " does not exist or is not a folder: choose an existing folder.");
        }
        if (splitDir != null && !Files.isDirectory(splitDir)) {
            p.add("Split-file folder " + splitDir + " does not exist or is not a folder: choose the folder with "
                    + "classInd.txt, or leave it empty to use the dataset folder.");
        }
        return p;
    }

    /**
     * Problems of the layout, split and test fraction alone, without touching the file system (a folder may be
     * written by an earlier step only when the workflow runs).
     */
    public List<String> valueProblems() {
        List<String> p = new ArrayList<>();
        if (layout == null) {
            p.add("Layout is not set: use split files (UCF101/HMDB51) or class folders.");
        }
        if (layout == Layout.SPLIT_FILES && (split < 1 || split > 3)) {
            p.add("Split is " + split + ": use 1, 2 or 3 (trainlist0N.txt / testlist0N.txt).");
        }
        if (layout == Layout.CLASS_FOLDERS && !(testFraction > 0 && testFraction < 1)) {
            p.add("Test fraction is " + testFraction + ": use a value between 0 and 1 (exclusive), e.g. 0.3.");
        }
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public DatasetSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }
}
