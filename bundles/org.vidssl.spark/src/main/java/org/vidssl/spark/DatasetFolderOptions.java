package org.vidssl.spark;

import java.nio.file.Path;
import java.util.Locale;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.progress.Progress;
import picocli.CommandLine.Option;

/** A dataset folder and how it is split: the options of {@code vidssl --dataset}, defaults from DatasetSettings. */
final class DatasetFolderOptions {

    @Option(
            names = "--dataset",
            paramLabel = "DIR",
            description = "Dataset folder (as vidssl --dataset), read by the driver; every executor must see the same "
                    + "paths.")
    Path root;

    @Option(
            names = "--split-dir",
            paramLabel = "DIR",
            description = "Folder of the split files. Default: the dataset folder.")
    Path splitDir;

    @Option(
            names = "--layout",
            defaultValue = "split-files",
            description = "split-files or class-folders. Default: ${DEFAULT-VALUE}.")
    String layout;

    @Option(
            names = "--split",
            defaultValue = "1",
            description = "Official split 1-3 (split files). Default: ${DEFAULT-VALUE}.")
    int split;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.3",
            description = "Test share per class (class folders). Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(
            names = "--split-seed",
            defaultValue = "632",
            description = "Seed of the class-folder split. Default: ${DEFAULT-VALUE}.")
    long splitSeed;

    /** Reads the dataset; fails naming the folder when it has no usable videos. */
    VideoDataset read() {
        DatasetSettings.Layout l = switch (layout.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "split-files" -> DatasetSettings.Layout.SPLIT_FILES;
            case "class-folders" -> DatasetSettings.Layout.CLASS_FOLDERS;
            default ->
                throw new IllegalArgumentException("--layout is '" + layout + "': use split-files or class-folders.");
        };
        DatasetSettings settings = new DatasetSettings(root, splitDir, l, split, testFraction, splitSeed).validate();
        VideoDataset d = DatasetReader.read(settings, Progress.NONE);
        if (d.videos().isEmpty()) {
            throw new IllegalArgumentException(
                    "The dataset " + d.root() + " has no usable videos (" + d.summary() + ").");
        }
        return d;
    }
}
