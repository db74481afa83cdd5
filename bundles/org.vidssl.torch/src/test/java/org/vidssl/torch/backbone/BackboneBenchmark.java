package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.engine.TorchRuntime;

/**
 * Prints eval-mode forward times of every backbone (not a test). Arguments: [threads] [reps] [architecture, default
 * all].
 * Run: java -cp ... org.vidssl.torch.backbone.BackboneBenchmark 2 3
 */
public final class BackboneBenchmark {

    private BackboneBenchmark() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        TorchRuntime.engine(new TorchRuntime.Settings(null, threads, 1));
        int[][] sizes = {{4, 16, 112, 112}, {4, 8, 56, 56}};
        System.out.printf(
                Locale.ROOT,
                "PyTorch %s, %d intra-op threads%n",
                TorchRuntime.engine().getVersion(),
                TorchRuntime.intraOpThreads());
        Backbone[] archs = args.length > 2 ? new Backbone[] {Backbone.parse(args[2])} : Backbone.values();
        for (Backbone a : archs) {
            for (int[] s : sizes) {
                try (NDManager m = TorchRuntime.engine().newBaseManager()) {
                    VideoBackbone b = Backbones.initialize(Backbones.create(a), m, s[1], s[2], s[3]);
                    ParameterStore ps = new ParameterStore(m, false);
                    NDArray x = m.randomUniform(0, 1, new Shape(s[0], 3, s[1], s[2], s[3]));
                    b.features(ps, x, false, FeatureKind.POOLED).close(); // warm-up
                    long start = System.nanoTime();
                    for (int i = 0; i < reps; i++) {
                        try (NDManager step = m.newSubManager()) {
                            NDArray xs = x.duplicate();
                            xs.attach(step);
                            b.features(ps, xs, false, FeatureKind.POOLED).toFloatArray();
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9 / reps;
                    System.out.printf(
                            Locale.ROOT,
                            "%-6s forward eval %dx3x%dx%dx%d: %.3f s/batch%n",
                            a,
                            s[0],
                            s[1],
                            s[2],
                            s[3],
                            seconds);
                }
            }
        }
    }
}
