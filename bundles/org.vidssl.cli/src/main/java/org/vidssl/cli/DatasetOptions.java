package org.vidssl.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import picocli.CommandLine.Option;

/** Where a dataset is and how it is split (the Video Dataset Reader node's settings); defaults from DatasetSettings. */
@SettingsFrom(DatasetSettings.class)
final class DatasetOptions {

    @Option(
            names = "--dataset",
            required = true,
            paramLabel = "DIR",
            description =
                    "Dataset folder: videos or frame folders, with classInd.txt/trainlist0N.txt/testlist0N.txt (or"
                            + " class folders, see --layout).")
    Path root;

    @Option(
            names = "--split-dir",
            paramLabel = "DIR",
            description = "Folder of the split files. Default: the dataset folder, or its ucfTrainTestlist.")
    Path splitDir;

    @Option(
            names = "--layout",
            description = "split-files (UCF101/HMDB51) or class-folders. Default: ${DEFAULT-VALUE}.")
    String layout;

    @Option(names = "--split")
    int split;

    @Option(names = "--test-fraction")
    double testFraction;

    @Option(names = "--split-seed")
    long seed;

    DatasetSettings settings() {
        DatasetSettings.Layout l = switch (layout.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "split-files" -> DatasetSettings.Layout.SPLIT_FILES;
            case "class-folders" -> DatasetSettings.Layout.CLASS_FOLDERS;
            default -> throw new UsageError("--layout is '" + layout + "': use split-files or class-folders.");
        };
        return new DatasetSettings(root, splitDir, l, split, testFraction, seed).validate();
    }

    VideoDataset read(Progress progress) {
        return DatasetReader.read(settings(), progress);
    }

    /** The videos of a split ("train", "test" or "all"). */
    static List<VideoEntry> videos(VideoDataset dataset, String split) {
        List<VideoEntry> v = switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> dataset.videos(Split.TRAIN);
            case "test" -> dataset.videos(Split.TEST);
            case "all" -> dataset.videos();
            default -> throw new UsageError("--subset is '" + split + "': use train, test or all.");
        };
        if (v.isEmpty()) {
            throw new IllegalArgumentException(
                    "The dataset " + dataset.root() + " has no " + split + " videos (" + dataset.summary() + ").");
        }
        return v;
    }
}
