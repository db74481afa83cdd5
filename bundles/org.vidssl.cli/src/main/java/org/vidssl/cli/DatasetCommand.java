package org.vidssl.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.vidssl.core.dataset.DatasetProblem;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The Video Dataset Reader: reads a dataset and prints what it holds and what is wrong with it. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Read a video dataset (UCF101/HMDB51 split files or class folders) and print its classes, split sizes"
                        + " and problems.")
final class DatasetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--strict", description = "Exit with status 2 when any entry has a problem.")
    boolean strict;

    @Option(
            names = "--max-problems",
            defaultValue = "20",
            description = "Problems printed at most. Default: ${DEFAULT-VALUE}.")
    int maxProblems;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "dataset");
        VideoDataset d = dataset.read(bar);
        bar.clear();
        out.println(d.summary());
        int[] train = d.classCounts(Split.TRAIN);
        int[] test = d.classCounts(Split.TEST);
        Table table = new Table("class", "index", "train", "test");
        for (int c = 0; c < d.classCount(); c++) {
            table.row(d.classes().get(c), c + 1, train[c], test[c]);
        }
        table.row(
                "total", "", d.videos(Split.TRAIN).size(), d.videos(Split.TEST).size());
        out.print(table);
        List<DatasetProblem> problems = d.problems();
        if (!problems.isEmpty()) {
            out.println(problems.size() + " problem(s):");
            problems.stream().limit(Math.max(0, maxProblems)).forEach(p -> out.println("  " + p));
            if (problems.size() > maxProblems) {
                out.println("  ... " + (problems.size() - maxProblems) + " more");
            }
        }
        out.flush();
        if (d.videos().isEmpty()) {
            throw new IllegalArgumentException("The dataset " + d.root() + " has no usable videos"
                    + (problems.isEmpty() ? "" : " (" + problems.size() + " problems, first: " + problems.get(0) + ")")
                    + ".");
        }
        return strict && !problems.isEmpty() ? 2 : 0;
    }
}
