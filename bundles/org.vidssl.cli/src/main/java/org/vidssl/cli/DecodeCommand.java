package org.vidssl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import org.vidssl.video.clips.FlowFolders;
import org.vidssl.video.decode.ExtractionResult;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.decode.FrameExtractor;
import org.vidssl.video.flow.FlowMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The Frame Extractor: decodes a dataset's videos into JPEG frame folders, a dataset of its own. */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Decode a dataset's videos into JPEG frame folders.",
            "Writes <output>/<class>/<video_id>/frame000001.jpg ...",
            "The split files are copied, so --dataset <output> reads the frames as the same dataset.",
            "Folders already decoded are skipped (resume).",
            "With --flow tvl1 or farneback, optical flow goes to <flow-output>/u/<class>/<video_id>/ and",
            ".../v/...: grey JPEGs, one fewer than the frames, clipped to +-20 pixels and mapped to 0..255",
            "(the reference's TV-L1 data); read them with --flow <flow-output>."
        })
@SettingsFrom(FrameExtractionSettings.class)
final class DecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the frame folders.")
    Path output;

    @Option(names = "--height")
    int height;

    @Option(names = "--width")
    int width;

    @Option(names = "--quality")
    int jpegQuality;

    @Option(names = "--threads")
    int threads;

    @Option(
            names = "--flow",
            paramLabel = "METHOD",
            description = "Optical flow to compute: none, tvl1 (the paper's data) or farneback (faster). "
                    + "Default: ${DEFAULT-VALUE}.")
    String flow;

    @Option(
            names = "--flow-output",
            paramLabel = "DIR",
            description = "Folder for the u/ and v/ flow folders. Default: <output>-flow beside the output.")
    Path flowOutput;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        FlowMethod method = FlowMethod.parse(flow);
        FrameExtractor extractor =
                new FrameExtractor(new FrameExtractionSettings(height, width, jpegQuality, threads, method));
        // beside the output, not in it: a class-folder dataset would read u/ and v/ as classes
        Path flowRoot = method == FlowMethod.NONE
                ? null
                : flowOutput != null ? flowOutput : output.resolveSibling(output.getFileName() + "-flow");
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "decode");
        DatasetSettings settings = dataset.settings();
        VideoDataset d = dataset.read(bar);
        if (d.videos().isEmpty()) {
            throw new IllegalArgumentException("The dataset " + d.root() + " has no usable videos to decode.");
        }
        if (output.toAbsolutePath()
                .normalize()
                .startsWith(d.root().toAbsolutePath().normalize())) {
            throw new UsageError("--output " + output + " is inside the dataset folder: choose a folder outside it.");
        }
        if (flowRoot != null
                && flowRoot.toAbsolutePath()
                        .normalize()
                        .startsWith(d.root().toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(
                    "--flow-output " + flowRoot + " is inside the dataset folder: choose a folder outside it.");
        }
        long start = System.nanoTime();
        List<ExtractionResult> results = decode(extractor, d, output, flowRoot, bar);
        if (settings.layout() == DatasetSettings.Layout.SPLIT_FILES) {
            copySplitFiles(settings.splitDir() != null ? settings.splitDir() : splitFolder(d.root()), output);
        }
        bar.clear();
        double seconds = (System.nanoTime() - start) / 1e9;
        long decoded = results.stream().filter(r -> r.ok() && !r.skipped()).count();
        long skipped = results.stream().filter(ExtractionResult::skipped).count();
        List<ExtractionResult> failed = results.stream().filter(r -> !r.ok()).toList();
        long frames = results.stream().mapToLong(ExtractionResult::frameCount).sum();
        Table table = new Table("videos", "decoded", "already there", "failed", "frames", "seconds");
        table.row(
                results.size(),
                decoded,
                skipped,
                failed.size(),
                frames,
                String.format(java.util.Locale.ROOT, "%.1f", seconds));
        out.print(table);
        failed.stream()
                .limit(20)
                .forEach(r -> out.println("  failed: " + r.video().videoId() + ": " + r.error()));
        out.println("Frames in " + output.toAbsolutePath() + " (use --dataset " + output + ")");
        if (flowRoot != null) {
            out.println(method.id() + " flow in " + flowRoot.toAbsolutePath() + " (use --flow " + flowRoot + ")");
        }
        out.flush();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + results.size()
                    + " videos could not be decoded; first: "
                    + failed.get(0).video().videoId() + ": " + failed.get(0).error());
        }
        return 0;
    }

    /**
     * Decodes every video of {@code d} into {@code output/<class>/<video_id>/}, and its flow into
     * {@code flowRoot/u/<class>/<video_id>/} and {@code .../v/...} when {@code flowRoot} is not null. Folders already
     * decoded are skipped.
     */
    static List<ExtractionResult> decode(
            FrameExtractor extractor, VideoDataset d, Path output, Path flowRoot, Progress progress)
            throws IOException {
        // one folder per class, so the frames read back in either layout (root/<class>/<video_id>/)
        Map<String, List<VideoEntry>> byClass = new LinkedHashMap<>();
        for (VideoEntry v : d.videos()) {
            byClass.computeIfAbsent(v.className(), c -> new ArrayList<>()).add(v);
        }
        List<ExtractionResult> results = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, List<VideoEntry>> e : byClass.entrySet()) {
            double from = (double) done / d.videos().size();
            double to = (double) (done + e.getValue().size()) / d.videos().size();
            FlowFolders flowFolders = flowRoot == null
                    ? null
                    : new FlowFolders(
                            flowRoot.resolve("u").resolve(e.getKey()),
                            flowRoot.resolve("v").resolve(e.getKey()));
            results.addAll(
                    extractor.extract(e.getValue(), output.resolve(e.getKey()), flowFolders, progress.sub(from, to)));
            done += e.getValue().size();
        }
        return results;
    }

    static Path splitFolder(Path root) {
        Path ucf = root.resolve("ucfTrainTestlist");
        return Files.isDirectory(ucf) ? ucf : root;
    }

    static void copySplitFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.equals("classInd.txt") || name.matches("(train|test)list0\\d\\.txt")) {
                    Files.copy(f, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
