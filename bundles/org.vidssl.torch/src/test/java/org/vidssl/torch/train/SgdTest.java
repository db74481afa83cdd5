package org.vidssl.torch.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.engine.GradMode;

class SgdTest {

    static Parameter parameter(NDManager m, String name, float[] values) {
        Parameter p =
                Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        NDArray a = m.create(values, new Shape(values.length));
        a.setRequiresGradient(true);
        p.setArray(a);
        return p;
    }

    /** loss = sum(c * w^2): gradient 2 c w. */
    static void backward(Parameter p, float c) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.getArray().square().mul(c).sum());
        }
    }

    @Test
    void matchesPyTorchSgdWithMomentumWeightDecayAndGroups() {
        double momentum = 0.9, wd = 0.01;
        double[] lrs = {0.1, 0.02};
        float[][] init = {{1f, -2f}, {0.5f}};
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = parameter(m, "a", init[0]);
            Parameter b = parameter(m, "b", init[1]);
            try (Sgd sgd = new Sgd(
                    m,
                    List.of(new Sgd.Group("backbone", List.of(a), lrs[0]), new Sgd.Group("head", List.of(b), lrs[1])),
                    momentum,
                    wd)) {
                double[][] w = {{1, -2}, {0.5}};
                double[][] buf = new double[2][];
                Parameter[] params = {a, b};
                for (int step = 0; step < 3; step++) {
                    sgd.zeroGradients();
                    for (Parameter p : params) {
                        backward(p, 1.5f);
                    }
                    sgd.step();
                    for (int g = 0; g < 2; g++) {
                        if (buf[g] == null) {
                            buf[g] = new double[w[g].length];
                        }
                        for (int i = 0; i < w[g].length; i++) {
                            double d = 2 * 1.5 * w[g][i] + wd * w[g][i];
                            buf[g][i] = step == 0 ? d : momentum * buf[g][i] + d;
                            w[g][i] -= lrs[g] * buf[g][i];
                        }
                        float[] actual = params[g].getArray().toFloatArray();
                        for (int i = 0; i < w[g].length; i++) {
                            assertEquals(w[g][i], actual[i], 1e-5, "group " + g + " step " + step);
                        }
                    }
                }
                Map<String, NpyArray> state = sgd.state();
                assertEquals(2, state.size());
                assertEquals(buf[0][1], state.get("backbone/0/a").data()[1], 1e-5);

                // a fresh optimiser with the saved buffers continues identically
                try (Sgd restored = new Sgd(m, sgd.groups(), momentum, wd)) {
                    restored.loadState(state);
                    restored.zeroGradients();
                    backward(a, 1.5f);
                    backward(b, 1.5f);
                    restored.step();
                    double d = 2 * 1.5 * w[0][0] + wd * w[0][0];
                    double expected = w[0][0] - lrs[0] * (momentum * buf[0][0] + d);
                    assertEquals(expected, a.getArray().toFloatArray()[0], 1e-5);
                }
            }
        }
    }

    /** A KNIME worker: gradients are on there (PyTorch's default for new threads), yet the update must work. */
    @Test
    void stepsOnAThreadThatDidNotLoadTheEngine() throws Exception {
        Engine.getInstance(); // loaded here, on the test thread
        Thread worker = new Thread(() -> {
            try (NDManager m = NDManager.newBaseManager()) {
                Parameter a = parameter(m, "a", new float[] {2f});
                try (Sgd sgd = new Sgd(m, List.of(new Sgd.Group("g", List.of(a), 0.1)), 0, 0)) {
                    assertTrue(GradMode.isEnabled());
                    sgd.zeroGradients();
                    backward(a, 1f); // gradient 2 w = 4
                    sgd.step();
                    assertEquals(2f - 0.1f * 4f, a.getArray().toFloatArray()[0], 1e-6f);
                    assertTrue(GradMode.isEnabled(), "the thread's mode is restored");
                }
            }
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        worker.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        worker.start();
        worker.join();
        assertNull(failure.get(), () -> "the update failed on the worker: " + failure.get());
    }

    @Test
    void schedulesFollowPyTorch() {
        MultiStepSchedule s = new MultiStepSchedule(0.01, new int[] {2, 4}, 0.2);
        assertEquals(0.01, s.learningRate(1), 1e-12);
        assertEquals(0.01, s.learningRate(2), 1e-12);
        assertEquals(0.002, s.learningRate(3), 1e-12);
        assertEquals(0.0004, s.learningRate(5), 1e-12);

        ReduceLrOnPlateau r = new ReduceLrOnPlateau(1e-3, 0.1, 2, 1e-5);
        assertEquals(1e-3, r.step(1.0), 0);
        assertEquals(1e-3, r.step(1.0), 0); // bad 1
        assertEquals(1e-3, r.step(1.0), 0); // bad 2
        assertEquals(1e-4, r.step(1.0), 1e-12); // bad 3 > patience
        assertEquals(1e-4, r.step(0.5), 1e-12); // improvement resets
        for (int i = 0; i < 20; i++) {
            r.step(0.5);
        }
        assertEquals(1e-5, r.learningRate(), 1e-15, "never below min lr");
    }

    @Test
    void reportsInfiniteAndNanGradientsBeforeTheyReachTheWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = parameter(m, "a", new float[] {1f, 2f});
            Parameter b = parameter(m, "b", new float[] {-1f});
            try (Sgd sgd = new Sgd(m, List.of(new Sgd.Group("all", List.of(a, b), 0.1)), 0.9, 0)) {
                backward(a, 1f);
                backward(b, 1f);
                assertTrue(sgd.gradientsAreFinite());
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(b.getArray().mul(Float.POSITIVE_INFINITY).sum()); // finite w, infinite gradient
                }
                assertFalse(sgd.gradientsAreFinite());
                sgd.zeroGradients();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(b.getArray().sqrt().sum()); // sqrt(-1): NaN
                }
                assertFalse(sgd.gradientsAreFinite());
            }
        }
    }
}
