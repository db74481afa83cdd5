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
@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate the synthetic motion dataset.",
                "Each class is a motion pattern, appearance is random and shared by all classes; written as video files with UCF101-style split files (classInd.txt, trainlist01.txt, testlist01.txt)."})
final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "New or empty folder for the dataset.")
    Path output;

    @Option(names = "--classes", description = "Motion classes, 2-15. Default: 10.")
    Integer classes;

    @Option(names = "--videos-per-class", description = "Videos per class. Default: 24.")
    Integer videosPerClass;

    @Option(names = "--frames", description = "Frames per video. Default: 48.")
    Integer frames;

    @Option(names = "--height", description = "Frame height. Default: 128.")
    Integer height;

    @Option(names = "--width", description = "Frame width. Default: 171.")
    Integer width;

    @Option(names = "--container", defaultValue = "mp4", description = "mp4 (H.264) or avi (MPEG-4, like UCF101). Default: ${DEFAULT-VALUE}.")
    String container;

    @Option(names = "--test-fraction", description = "Share of each class in the test list. Default: 0.25.")
    Double testFraction;

    @Option(names = "--seed", description = "Seed of every random choice. Default: 2020.")
    Long seed;

    @Option(names = "--motion-speed", description = "Object speed as a multiple of the default (0.6-1.2 pixels per "
            + "frame per 32 pixels of frame side), 0.25 to 8. Default: 1.")
    Double motionSpeed;

    @Override
    public Integer call() throws Exception {
        SyntheticSettings d = SyntheticSettings.DEFAULTS;
        SyntheticSettings.Container c = switch (container.toLowerCase(Locale.ROOT)) {
            case "mp4" -> SyntheticSettings.Container.MP4;
            case "avi" -> SyntheticSettings.Container.AVI;
            default -> throw new UsageError("--container is '" + container + "': use mp4 or avi.");
        };
        SyntheticSettings s = new SyntheticSettings(classes != null ? classes : d.classes(),
                videosPerClass != null ? videosPerClass : d.videosPerClass(), frames != null ? frames : d.frames(),
                height != null ? height : d.height(), width != null ? width : d.width(), c,
                testFraction != null ? testFraction : d.testFraction(), seed != null ? seed : d.seed(),
                motionSpeed != null ? motionSpeed : d.motionSpeed()).validate();
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "synth");
        long start = System.nanoTime();
        Path root = SyntheticMotionDataset.generate(s, output, bar);
        VideoDataset dataset = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), bar);
        bar.clear();
        PrintWriter out = spec.commandLine().getOut();
        Table t = new Table("classes", "train", "test", "frames", "size", "container", "seconds");
        t.row(dataset.classCount(), dataset.videos(org.vidssl.core.dataset.Split.TRAIN).size(),
                dataset.videos(org.vidssl.core.dataset.Split.TEST).size(), s.frames(), s.height() + "x" + s.width(),
                c.extension(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        out.print(t);
        out.println("Dataset in " + root + " (classes: " + String.join(", ", dataset.classes()) + ")");
        out.flush();
        return 0;
    }
}
