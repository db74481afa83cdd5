package org.vidssl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The synthetic motion dataset: classes are motion patterns, appearance is random. */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Generate the synthetic motion dataset.",
            "Each class is a motion pattern, appearance is random and shared by all classes; written as video files"
                    + " with UCF101-style split files (classInd.txt, trainlist01.txt, testlist01.txt)."
        })
@SettingsFrom(SyntheticSettings.class)
final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "New or empty folder for the dataset.")
    Path output;

    @Option(names = "--classes")
    int classes;

    @Option(names = "--videos-per-class")
    int videosPerClass;

    @Option(names = "--frames")
    int frames;

    @Option(names = "--height")
    int height;

    @Option(names = "--width")
    int width;

    @Option(names = "--container", description = "mp4 (H.264) or avi (MPEG-4, like UCF101). Default: ${DEFAULT-VALUE}.")
    String container;

    @Option(names = "--test-fraction")
    double testFraction;

    @Option(names = "--seed")
    long seed;

    @Option(names = "--motion-speed")
    double motionSpeed;

    @Override
    public Integer call() throws Exception {
        SyntheticSettings.Container c = switch (container.toLowerCase(Locale.ROOT)) {
            case "mp4" -> SyntheticSettings.Container.MP4;
            case "avi" -> SyntheticSettings.Container.AVI;
            default -> throw new UsageError("--container is '" + container + "': use mp4 or avi.");
        };
        SyntheticSettings s = new SyntheticSettings(
                        classes, videosPerClass, frames, height, width, c, testFraction, seed, motionSpeed)
                .validate();
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "synth");
        long start = System.nanoTime();
        Path root = SyntheticMotionDataset.generate(s, output, bar);
        VideoDataset dataset = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), bar);
        bar.clear();
        PrintWriter out = spec.commandLine().getOut();
        Table t = new Table("classes", "train", "test", "frames", "size", "container", "seconds");
        t.row(
                dataset.classCount(),
                dataset.videos(org.vidssl.core.dataset.Split.TRAIN).size(),
                dataset.videos(org.vidssl.core.dataset.Split.TEST).size(),
                s.frames(),
                s.height() + "x" + s.width(),
                c.extension(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        out.print(t);
        out.println("Dataset in " + root + " (classes: " + String.join(", ", dataset.classes()) + ")");
        out.flush();
        return 0;
    }
}
