package org.vidssl.torch.pretrain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.torch.testing.TinyEncoder;

import ai.djl.Device;
import ai.djl.nn.Block;

/**
 * One IIC training step (3 forward passes + memory bank + SGD) at 4 x 3 x T x S x S, and the process RSS
 * after 50 and 300 steps (native memory must not grow). Clips come from memory, so this times the step.
 *
 * <p>Run: {@code java -cp <test classpath> org.vidssl.torch.pretrain.TrainingStepBenchmark [T] [S] [steps]}.
 * Uses the tiny test encoder until the backbones are merged; then pass R3D's factory instead.
 */
public final class TrainingStepBenchmark {

    public static void main(String[] args) throws Exception {
        int t = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 56;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        if (args.length > 3 && args[3].equals("r3d")) {
            run("r3d", () -> org.vidssl.torch.backbone.Backbones.create(org.vidssl.torch.backbone.Architecture.R3D),
                    512, t, size, steps);
        } else {
            run("tiny encoder", () -> TinyEncoder.create(512), 512, t, size, steps);
        }
    }

    /** Trains {@code steps} steps of batch 4 with the paper's memory bank and prints time per step and RSS. */
    public static void run(String name, Supplier<Block> encoder, int dim, int t, int size, int steps) {
        int batch = 4;
        ClipSource source = new RandomClips(batch * 25, t, size);
        int epochs = (steps + 24) / 25;
        PretrainSettings s = PretrainSettings.DEFAULTS.toBuilder().batchSize(batch).clipLength(t).cropSize(size)
                .featureDim(dim).objective(Objective.MEMORY_BANK).normalizeFeatures(true).epochs(epochs).threads(1)
                .lrMilestones(new int[0]).build();
        List<Double> stepSeconds = new ArrayList<>();
        long[] last = {System.nanoTime()};
        int[] count = {0};
        new Pretrainer(Device.cpu()).onStep(r -> {
            long now = System.nanoTime();
            stepSeconds.add((now - last[0]) / 1e9);
            last[0] = now;
            count[0]++;
            if (count[0] % 50 == 0) {
                Runtime rt = Runtime.getRuntime();
                System.out.printf(Locale.ROOT, "%s: RSS after %d steps: %d MiB (Java heap committed %d MiB)%n", name,
                        count[0], rssMiB(), rt.totalMemory() >> 20);
            }
        }).run(source, s, encoder, null).close();
        List<Double> steady = stepSeconds.subList(Math.min(5, stepSeconds.size() - 1), stepSeconds.size());
        double[] sorted = steady.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: IIC step at %dx3x%dx%dx%d (K=1024, repeat, res): median %.3f s, "
                + "mean %.3f s over %d steps; %d threads%n", name, batch, t, size, size, sorted[sorted.length / 2],
                steady.stream().mapToDouble(Double::doubleValue).average().orElse(0), sorted.length,
                Runtime.getRuntime().availableProcessors());
    }

    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    /** Random clips from memory, so the benchmark times the training step, not decoding. */
    static final class RandomClips implements ClipSource {
        private final List<VideoEntry> videos = new ArrayList<>();
        private final int t;
        private final int size;

        RandomClips(int n, int t, int size) {
            this.t = t;
            this.size = size;
            for (int i = 0; i < n; i++) {
                videos.add(new VideoEntry("v" + i, "c", 0, Split.TRAIN, Path.of("v" + i), t));
            }
        }

        @Override public List<VideoEntry> videos() { return videos; }

        @Override public ClipSettings settings() { return ClipSettings.DEFAULTS; }

        @Override public Clip trainClip(int video, long seed, int epoch) {
            java.util.Random rng = new java.util.Random(seed + 31L * epoch + video);
            float[] rgb = new float[3 * t * size * size];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = rng.nextFloat();
            }
            return new Clip(rgb, null, null, t, size, size, false);
        }

        @Override public List<Clip> testClips(int video, int count) {
            return List.of(trainClip(video, 0, 0));
        }
    }
}
