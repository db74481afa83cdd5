package org.vidssl.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the listing the extract job reads: the Video Dataset Reader's table of a dataset folder, as CSV. No Spark. */
@Command(name = "listing", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read a dataset folder (as vidssl dataset) and write its videos as a listing CSV for the extract job.")
final class ListingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset folder (as vidssl --dataset).")
    Path root;

    @Option(names = "--split-dir", paramLabel = "DIR", description = "Folder of the split files. Default: the dataset folder.")
    Path splitDir;

    @Option(names = "--layout", defaultValue = "split-files", description = "split-files or class-folders. Default: ${DEFAULT-VALUE}.")
    String layout;

    @Option(names = "--split", defaultValue = "1", description = "Official split 1-3 (split files). Default: ${DEFAULT-VALUE}.")
    int split;

    @Option(names = "--test-fraction", defaultValue = "0.3", description = "Test share per class (class folders). Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--split-seed", defaultValue = "632", description = "Seed of the class-folder split. Default: ${DEFAULT-VALUE}.")
    long splitSeed;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The listing CSV to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        DatasetSettings.Layout l = switch (layout.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "split-files" -> DatasetSettings.Layout.SPLIT_FILES;
            case "class-folders" -> DatasetSettings.Layout.CLASS_FOLDERS;
            default -> throw new IllegalArgumentException("--layout is '" + layout + "': use split-files or class-folders.");
        };
        VideoDataset d = DatasetReader.read(new DatasetSettings(root, splitDir, l, split, testFraction, splitSeed).validate(),
                Progress.NONE);
        List<VideoEntry> videos = d.videos();
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("The dataset " + d.root() + " has no usable videos (" + d.summary() + ").");
        }
        VideoListing.writeCsv(output, videos);
        spec.commandLine().getOut().println(d.summary() + "\nWrote " + videos.size() + " videos to " + output
                + (d.problems().isEmpty() ? "" : " (" + d.problems().size() + " problems; see vidssl dataset)"));
        return 0;
    }
}
