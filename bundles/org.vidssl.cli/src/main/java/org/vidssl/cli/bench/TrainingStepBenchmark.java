package org.vidssl.cli.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.backbone.Backbones;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.pretrain.Pretrainer;
import org.vidssl.torch.train.TrainingLock;
import org.vidssl.torch.views.IntraNegatives;
import org.vidssl.torch.views.Views;

/**
 * The training-step figures of docs/benchmarks.md: one IIC step (view 2 and the intra-negative made on the device,
 * three
 * forward passes, the objective, backward, SGD) with clips from memory, against the floor: the same three forward
 * passes plus one backward in plain LibTorch, no objective and no optimiser. Also the process's resident memory over
 * hundreds of steps, which must level off rather than grow.
 */
public final class TrainingStepBenchmark {

    /**
     * Median seconds per step after the warm-up steps.
     *
     * @param iicStep         the full IIC step through the Pretrainer
     * @param forwardBackward three forward passes and one backward of the same batch
     */
    public record Result(
            Backbone architecture,
            int width,
            long[] batchShape,
            Objective objective,
            int steps,
            double iicStep,
            double forwardBackward) {

        /** IIC step time over the forward+backward floor (the target is at most 1.1). */
        public double overhead() {
            return iicStep / forwardBackward;
        }

        public String shape() {
            return dims(batchShape);
        }
    }

    /**
     * The process's resident memory after every {@code every} IIC training steps, up to {@code steps}, each read
     * after a full garbage collection: native memory (LibTorch tensors, the memory bank, direct buffers) that is not
     * freed shows up as growth between the rows.
     *
     * @param rssMiB      resident set size in MiB after {@code steps[i]} steps
     * @param javaHeapMiB of that, at most the Java heap the JVM had committed then (the rest is native)
     */
    public record MemoryResult(
            Backbone architecture, int width, long[] batchShape, int[] steps, long[] rssMiB, long[] javaHeapMiB) {

        public String shape() {
            return dims(batchShape);
        }

        /** Whether the resident set size could be read (Linux's /proc; -1 readings elsewhere). */
        public boolean rssKnown() {
            return Arrays.stream(rssMiB).allMatch(reading -> reading >= 0);
        }

        /** Growth between the first and the last measurement, in MiB; only meaningful where {@link #rssKnown()}. */
        public long growthMiB() {
            if (!rssKnown()) {
                throw new IllegalStateException("The resident set size is not readable on this OS (Linux only).");
            }
            return rssMiB[rssMiB.length - 1] - rssMiB[0];
        }
    }

    private static final int WARM_UP = 2;

    /** Clips per epoch of the memory run: the memory bank then holds this many entries, as a small dataset would. */
    private static final int MEMORY_RUN_VIDEOS = 100;

    private static final double MEMORY_RUN_LR = 0.001;

    private TrainingStepBenchmark() {}

    /**
     * Times {@code steps} IIC steps (after {@value #WARM_UP} warm-up steps) of a batch of {@code batch} clips
     * of {@code frames x size x size}, repeat intra-negative, residual view 2.
     */
    public static Result measure(
            Backbone architecture,
            int width,
            int batch,
            int frames,
            int size,
            int steps,
            Objective objective,
            Device device,
            Progress progress) {
        Progress p = progress == null ? Progress.NONE : progress;
        int total = steps + WARM_UP;
        List<Double> iic = new ArrayList<>();
        long[] last = {System.nanoTime()};
        train(
                architecture,
                width,
                objective,
                device,
                new RandomClips(batch * total, frames, size),
                batch,
                1,
                PretrainSettings.DEFAULTS.learningRate(),
                step -> {
                    long now = System.nanoTime();
                    iic.add((now - last[0]) / 1e9);
                    last[0] = now;
                    p.report(0.5 * step / total, "IIC step " + step + "/" + total);
                });
        List<Double> floor = forwardBackward(architecture, width, batch, frames, size, total, device, p.sub(0.5, 1));
        return new Result(
                architecture,
                width,
                new long[] {batch, 3, frames, size, size},
                objective,
                steps,
                median(iic.subList(WARM_UP, iic.size())),
                median(floor.subList(WARM_UP, floor.size())));
    }

    /**
     * Trains {@code steps} IIC steps (as {@link #measure}, over epochs of {@value #MEMORY_RUN_VIDEOS} clips) and
     * reads the process's RSS after every {@code every} steps.
     */
    public static MemoryResult memory(
            Backbone architecture,
            int width,
            int batch,
            int frames,
            int size,
            int steps,
            int every,
            Objective objective,
            Device device,
            Progress progress) {
        Progress p = progress == null ? Progress.NONE : progress;
        int stepsPerEpoch = MEMORY_RUN_VIDEOS / batch;
        int epochs = (steps + stepsPerEpoch - 1) / stepsPerEpoch;
        int[] at = IntStream.rangeClosed(1, steps / every).map(i -> i * every).toArray();
        long[] rss = new long[at.length];
        long[] heap = new long[at.length];
        int[] next = {0};
        // on random clips the paper's lr 0.01 sometimes diverges after ~275 steps; the memory does not depend on it
        train(
                architecture,
                width,
                objective,
                device,
                new RandomClips(MEMORY_RUN_VIDEOS, frames, size),
                batch,
                epochs,
                MEMORY_RUN_LR,
                step -> {
                    if (next[0] < at.length && step == at[next[0]]) {
                        // Without a collection the reading counts Java garbage: the JVM touches fresh heap pages
                        // until its first young collection (about 90 steps here), which looks like native growth.
                        System.gc();
                        settle(); // G1 returns the shrunk heap to the system concurrently
                        heap[next[0]] = Runtime.getRuntime().totalMemory() >> 20;
                        rss[next[0]++] = residentMiB();
                    }
                    long resident = residentMiB();
                    p.report(
                            (double) step / (epochs * stepsPerEpoch),
                            "IIC step " + step + (resident < 0 ? "" : ", RSS " + resident + " MiB"));
                });
        return new MemoryResult(architecture, width, new long[] {batch, 3, frames, size, size}, at, rss, heap);
    }

    /**
     * Pretrains on {@code clips} (repeat intra-negative, residual view 2), calling {@code afterStep} with the step
     * count.
     */
    private static void train(
            Backbone architecture,
            int width,
            Objective objective,
            Device device,
            RandomClips clips,
            int batch,
            int epochs,
            double learningRate,
            IntConsumer afterStep) {
        ClipSettings c = clips.settings();
        PretrainSettings s = Records.builder(PretrainSettings.DEFAULTS)
                .set("model", architecture.id())
                .set("width", width)
                .set("objective", objective)
                .set("learningRate", learningRate)
                .set("batchSize", batch)
                .set("clipLength", c.clipLength())
                .set("cropSize", c.cropSize())
                .set("epochs", epochs)
                .set("normalizeFeatures", true)
                .set("intraNegative", IntraNegative.REPEAT)
                .set("modality", View.RES)
                .set("threads", 1)
                .set("lrMilestones", new int[0])
                .build();
        int[] step = {0};
        new Pretrainer(device)
                .onStep(r -> afterStep.accept(++step[0]))
                .run(clips, s, () -> Backbones.create(architecture, 0, width), Progress.NONE)
                .close();
    }

    private static String dims(long[] shape) {
        return String.join("x", Arrays.stream(shape).mapToObj(Long::toString).toList());
    }

    private static void settle() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This process's resident set size in MiB from /proc (Linux), or -1 where there is none. */
    public static long residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }

    private static List<Double> forwardBackward(
            Backbone architecture, int width, int batch, int frames, int size, int steps, Device device, Progress p) {
        List<Double> times = new ArrayList<>();
        Engine engine = TorchRuntime.engine();
        try (TrainingLock.Held lock = TrainingLock.acquire(p);
                NDManager m = engine.newBaseManager(device)) {
            VideoBackbone b = Backbones.create(architecture, 0, width);
            Shape shape = new Shape(batch, 3, frames, size, size);
            b.initialize(m, DataType.FLOAT32, shape);
            ParameterStore ps = new ParameterStore(m, false);
            for (int i = 0; i < steps; i++) {
                // NDScope also closes what ops attach to the weights' manager, as the IIC step does
                try (NDScope scope = new NDScope();
                        NDManager step = m.newSubManager()) {
                    NDArray x = step.randomUniform(0, 1, shape);
                    long start = System.nanoTime();
                    // the same tensors the IIC step feeds the network: the clip, its residual, its intra-negative
                    NDArray view2 = Views.residualPretrain(x);
                    NDArray negative = IntraNegatives.make(IntraNegative.REPEAT, x, new java.util.Random(i));
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray loss = b.forward(ps, new NDList(x), true)
                                .singletonOrThrow()
                                .mean()
                                .add(b.forward(ps, new NDList(view2), true)
                                        .singletonOrThrow()
                                        .mean())
                                .add(b.forward(ps, new NDList(negative), true)
                                        .singletonOrThrow()
                                        .mean());
                        gc.backward(loss);
                    }
                    sync(b);
                    times.add((System.nanoTime() - start) / 1e9);
                }
                p.report((double) (i + 1) / steps, "forward+backward " + (i + 1) + "/" + steps);
            }
        }
        return times;
    }

    /** Reads one gradient value, so the backward pass has certainly finished (PyTorch on a GPU is asynchronous). */
    private static void sync(VideoBackbone b) {
        b.getParameters().get(0).getValue().getArray().getGradient().getFloat(0, 0, 0, 0, 0);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0
                ? Double.NaN
                : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
