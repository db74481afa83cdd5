package org.vidssl.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vidssl.cli.bench.ClipLoadingBenchmark;
import org.vidssl.cli.bench.FlowBenchmark;
import org.vidssl.cli.bench.RetrievalBenchmark;
import org.vidssl.cli.bench.TrainingStepBenchmark;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.engine.TorchRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The benchmark figures of docs/benchmarks.md, measured on this machine. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure the benchmark figures (docs/benchmarks.md) on this machine.",
            "The IIC training step (R3D, batch 4, 8x56x56 and 16x112x112) against plain forward+backward, the RSS over"
                    + " 300 steps, training-clip loading, and retrieval at the UCF101",
            "split-1 shape (3,783 x 9,537 x 9,216) against one matrix product of that shape,",
            "and optical flow (TV-L1, Farneback) per core at 128x171.",
            "Takes minutes at full size."
        })
@SettingsFrom(PretrainSettings.class)
final class BenchCommand implements Callable<Integer> {

    enum Part {
        step,
        memory,
        loading,
        retrieval,
        flow
    }

    /** Steps between two RSS readings of the memory part. */
    private static final int MEMORY_EVERY = 50;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--only",
            split = ",",
            description = "Parts to run: step, memory, loading, retrieval, flow. Default: all.")
    List<Part> only;

    @Option(
            names = "--quick",
            description =
                    "Small sizes (step at 8x56x56 only, short loading runs, a quarter of the retrieval shape): a smoke"
                            + " run.")
    boolean quick;

    @Option(
            names = "--steps",
            defaultValue = "5",
            description = "Timed training steps per shape (after 2 warm-up steps). Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(
            names = "--memory-steps",
            defaultValue = "300",
            description = "Training steps of the memory part (8x56x56), with the RSS read every 50. Default:"
                    + " ${DEFAULT-VALUE}.")
    int memorySteps;

    @Option(
            names = "--model",
            completionCandidates = Backbone.Ids.class,
            description = "Backbone of the step benchmark: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(
            names = "--width",
            description = "Backbone base width of the step benchmark (64 = the paper's). Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(
            names = "--objective",
            completionCandidates = Objective.Ids.class,
            description = "Objective of the step benchmark: ${COMPLETION-CANDIDATES}."
                    + " Default: ${DEFAULT-VALUE} (the paper's).")
    String objective;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws Exception {
        if (steps < 1) {
            throw new UsageError("--steps is " + steps + ": use 1 or more.");
        }
        if (memorySteps < MEMORY_EVERY) {
            throw new UsageError("--memory-steps is " + memorySteps + ": use " + MEMORY_EVERY + " or more.");
        }
        PrintWriter out = spec.commandLine().getOut();
        int cores = compute.threads();
        TorchRuntime.engine(new TorchRuntime.Settings(null, cores, 0));
        Device dev = compute.device();
        Backbone architecture = Backbone.parse(model);
        Objective obj = Objective.parse(objective);
        List<Part> parts = only == null || only.isEmpty() ? List.of(Part.values()) : only;
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "bench");
        out.printf(
                Locale.ROOT,
                "vidssl bench: %d cores, %d PyTorch threads, device %s%n",
                Runtime.getRuntime().availableProcessors(),
                TorchRuntime.intraOpThreads(),
                dev);
        out.flush();
        if (parts.contains(Part.step)) {
            Table t = new Table(
                    "training step", "batch", "IIC step (s)", "forward+backward (s)", "ratio", "reference (s)");
            List<int[]> shapes = new ArrayList<>(List.of(new int[] {8, 56}));
            if (!quick) {
                shapes.add(new int[] {16, 112});
            }
            for (int[] s : shapes) {
                TrainingStepBenchmark.Result r =
                        TrainingStepBenchmark.measure(architecture, width, 4, s[0], s[1], steps, obj, dev, bar);
                t.row(
                        architecture.id() + (width == 64 ? "" : " width " + width) + " " + obj.id(),
                        r.shape(),
                        f(r.iicStep(), 3),
                        f(r.forwardBackward(), 3),
                        f(r.overhead(), 2),
                        s[0] == 8 ? "0.93" : "15.9");
            }
            bar.clear();
            out.print(t);
            out.println("target: IIC step <= 0.5x the reference and <= 1.1x forward+backward");
            out.flush();
        }
        if (parts.contains(Part.memory)) {
            int total = quick ? 2 * MEMORY_EVERY : memorySteps;
            TrainingStepBenchmark.MemoryResult r =
                    TrainingStepBenchmark.memory(architecture, width, 4, 8, 56, total, MEMORY_EVERY, obj, dev, bar);
            bar.clear();
            Table t = new Table(
                    "native memory, " + architecture.id() + " " + obj.id() + " " + r.shape(),
                    "steps",
                    "RSS (MiB)",
                    "Java heap committed (MiB)");
            for (int i = 0; i < r.steps().length; i++) {
                t.row("", r.steps()[i], r.rssKnown() ? r.rssMiB()[i] : "n/a", r.javaHeapMiB()[i]);
            }
            out.print(t);
            if (r.rssKnown()) {
                out.printf(
                        Locale.ROOT,
                        "growth from step %d to %d: %+d MiB (readings between %d and %d MiB, each after "
                                + "a full GC); target: no growth%n",
                        r.steps()[0],
                        r.steps()[r.steps().length - 1],
                        r.growthMiB(),
                        Arrays.stream(r.rssMiB()).min().orElse(0),
                        Arrays.stream(r.rssMiB()).max().orElse(0));
            } else {
                out.println("RSS: not readable on " + System.getProperty("os.name")
                        + " (read from /proc/self/status, Linux only); no growth figure");
            }
            out.flush();
        }
        if (parts.contains(Part.loading)) {
            Table t = new Table("clip loading (16x112x112 from 128x171)", "threads", "clips/s", "clips/CPU-s");
            for (ClipLoadingBenchmark.Figure fig : ClipLoadingBenchmark.run(
                    quick ? 6 : 24, quick ? 1.5 : 6, new int[] {1, 2}, !quick, line -> bar.report(Double.NaN, line))) {
                t.row(fig.what(), fig.threads(), f(fig.clipsPerSecond(), 1), f(fig.clipsPerCpuSecond(), 1));
            }
            bar.clear();
            out.print(t);
            out.println("reference, 1 core: 130 clips/s RGB, 49 clips/s RGB + u + v; target >= 1.5x per core");
            out.flush();
        }
        if (parts.contains(Part.retrieval)) {
            int q = quick ? 946 : 3_783;
            int d = quick ? 2_384 : 9_537;
            int dim = 9_216;
            RetrievalBenchmark.Result r = RetrievalBenchmark.measure(q, d, dim, cores, dev, bar);
            bar.clear();
            Table t = new Table("retrieval", "shape", "seconds", "matrix product (s)", "ratio", "reference (s)");
            t.row(
                    "cosine top-50",
                    q + "x" + d + "x" + dim,
                    f(r.seconds(), 2),
                    f(r.floor(), 2),
                    f(r.ratio(), 2),
                    quick ? "-" : "7.0");
            out.print(t);
            out.println("target: <= 1.2x one matrix product of that shape, <= 0.5 GB");
        }
        if (parts.contains(Part.flow)) {
            Table t = new Table(
                    "optical flow (128x171 grey, 1 thread)",
                    "flow frames",
                    "frames/CPU-s",
                    "CPU ms per frame",
                    "frames/s");
            List<FlowBenchmark.Figure> figures =
                    FlowBenchmark.run(quick ? 4 : 16, quick ? 1 : 10, line -> bar.report(Double.NaN, line));
            for (FlowBenchmark.Figure fig : figures) {
                t.row(
                        fig.method().id(),
                        fig.frames(),
                        f(fig.framesPerCpuSecond(), 2),
                        f(1000 / fig.framesPerCpuSecond(), 1),
                        f(fig.framesPerSecond(), 2));
            }
            bar.clear();
            out.print(t);
            out.println("OpenCV from Python on the same frames: see the README's benchmark table");
        }
        out.flush();
        return 0;
    }

    private static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
