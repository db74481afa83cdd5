package org.vidssl.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vidssl.core.dataset.VideoDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the listing the extract job reads: the Video Dataset Reader's table of a dataset folder, as CSV. No Spark. */
@Command(
        name = "listing",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Read a dataset folder (as vidssl dataset) and write its videos as a listing CSV for the extract "
                + "job.")
final class ListingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetFolderOptions dataset;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The listing CSV to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (dataset.root == null) {
            throw new IllegalArgumentException("Give the dataset folder with --dataset DIR.");
        }
        VideoDataset d = dataset.read();
        VideoListing.writeCsv(output, d.videos());
        spec.commandLine()
                .getOut()
                .println(d.summary() + "\nWrote " + d.videos().size() + " videos to " + output
                        + (d.problems().isEmpty()
                                ? ""
                                : " (" + d.problems().size() + " problems; see vidssl dataset)"));
        return 0;
    }
}
