package org.vidssl.torch.views;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;

class ViewsTest {

    // N=2, C=1, T=4, H=2, W=2; value = 1000 n + 100 t + 10 h + w (plus c, zero) so every element is traceable
    static final int N = 2, C = 1, T = 4, H = 2, W = 2;

    static float value(int n, int t, int h, int w) {
        return 1000 * n + 100 * t + 10 * h + w;
    }

    static NDArray batch(NDManager m) {
        float[] v = new float[N * C * T * H * W];
        int i = 0;
        for (int n = 0; n < N; n++)
            for (int t = 0; t < T; t++)
                for (int h = 0; h < H; h++)
                    for (int w = 0; w < W; w++) {
                        v[i++] = value(n, t, h, w);
                    }
        return m.create(v, new Shape(N, C, T, H, W));
    }

    static float at(float[] a, int n, int t, int h, int w) {
        return a[((n * T + t) * H + h) * W + w];
    }

    @Test
    void residualsRollTheLastFrameToTheFront() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = batch(m);
            float[] pre = Views.residualPretrain(x).toFloatArray();
            float[] ft = Views.residualFinetune(x).toFloatArray();
            for (int n = 0; n < N; n++)
                for (int t = 0; t < T; t++)
                    for (int h = 0; h < H; h++)
                        for (int w = 0; w < W; w++) {
                            float prev = value(n, (t + T - 1) % T, h, w);
                            float diff = value(n, t, h, w) - prev;
                            assertEquals(diff, at(ft, n, t, h, w), 1e-3);
                            assertEquals((diff + 1) / 2, at(pre, n, t, h, w), 1e-3);
                        }
            // frame 0 is x0 - x3
            assertEquals(-300f, at(ft, 0, 0, 0, 0), 1e-3);
            assertSame(x, Views.view2(View.RGB, x, null, null));
            NDArray u = x.add(5);
            assertSame(u, Views.view2(View.U, x, u, null));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Views.view2(View.V, x, u, null));
            assertTrue(e.getMessage().contains("flow"));
        }
    }

    /**
     * The gradient of a shuffled clip flows back to the frames it was gathered from, also when a garbage
     * collection and new allocations fall between forward and backward (autograd keeps the frame index).
     */
    @Test
    void theShuffleIndexSurvivesAGarbageCollectionBeforeBackward() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = batch(m);
            x.setRequiresGradient(true);
            java.util.List<java.nio.ByteBuffer> overwritten;
            try (ai.djl.training.GradientCollector gc =
                    ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray out = IntraNegatives.make(IntraNegative.SHUFFLE, x, new Random(5));
                NDArray loss = out.mul(x).sum();
                overwritten = org.vidssl.torch.testing.FreedNativeMemory.collectAndOverwrite(8 * T);
                gc.backward(loss);
            }
            float[] grad = x.getGradient().toFloatArray();
            float[] values = x.toFloatArray();
            Random orders = new Random(5);
            for (int n = 0; n < N; n++) {
                long[] order = IntraNegatives.shuffleOrder(T, orders);
                for (int j = 0; j < T; j++)
                    for (int h = 0; h < H; h++)
                        for (int w = 0; w < W; w++) {
                            // d/dx[j] of sum_t x[order[t]] * x[t] = x[order[j]] + the x[t] of every t with order[t] = j
                            float expected = at(values, n, (int) order[j], h, w);
                            for (int t = 0; t < T; t++) {
                                expected += order[t] == j ? at(values, n, t, h, w) : 0;
                            }
                            assertEquals(expected, at(grad, n, j, h, w), 1e-5f, "sample " + n + " frame " + j);
                        }
            }
            java.lang.ref.Reference.reachabilityFence(overwritten);
        }
    }

    @Test
    void repeatCopiesOneFramePerSample() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] out = IntraNegatives.make(IntraNegative.REPEAT, batch(m), new Random(3))
                    .toFloatArray();
            Random expected = new Random(3);
            for (int n = 0; n < N; n++) {
                int frame = expected.nextInt(T);
                for (int t = 0; t < T; t++)
                    for (int h = 0; h < H; h++)
                        for (int w = 0; w < W; w++) {
                            assertEquals(value(n, frame, h, w), at(out, n, t, h, w), 0);
                        }
            }
        }
    }

    @Test
    void shuffleSwapsTwoDifferentChunks() {
        try (NDManager m = NDManager.newBaseManager()) {
            Set<String> seen = new HashSet<>();
            for (int seed = 0; seed < 40; seed++) {
                float[] out = IntraNegatives.make(IntraNegative.SHUFFLE, batch(m), new Random(seed))
                        .toFloatArray();
                for (int n = 0; n < N; n++) {
                    // chunk size 1 here: the output frame order is a permutation with exactly two frames moved
                    int[] src = new int[T];
                    int moved = 0;
                    for (int t = 0; t < T; t++) {
                        src[t] = (int) ((at(out, n, t, 0, 0) - 1000 * n) / 100);
                        if (src[t] != t) {
                            moved++;
                        }
                        for (int h = 0; h < H; h++)
                            for (int w = 0; w < W; w++) {
                                assertEquals(value(n, src[t], h, w), at(out, n, t, h, w), 0);
                            }
                    }
                    assertEquals(2, moved);
                    for (int t = 0; t < T; t++) {
                        assertEquals(t, src[src[t]], "a swap, not a cycle");
                    }
                    seen.add(java.util.Arrays.toString(src));
                }
            }
            assertEquals(6, seen.size(), "all 6 swaps of 4 chunks occur");
        }
    }

    @Test
    void shuffleChunksAreEqualTimeBlocks() {
        long[] order = IntraNegatives.shuffleOrder(8, new Random(1));
        for (int c = 0; c < 4; c++) {
            assertEquals(order[2 * c] + 1, order[2 * c + 1], "frames inside a chunk stay together");
            assertEquals(0, order[2 * c] % 2);
        }
        assertThrows(IllegalArgumentException.class, () -> IntraNegatives.shuffleOrder(6, new Random(1)));
    }

    @Test
    void spatialPermutesTilesNeverIdentity() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int seed = 0; seed < 20; seed++) {
                float[] out = IntraNegatives.make(IntraNegative.SPATIAL, batch(m), new Random(seed))
                        .toFloatArray();
                for (int n = 0; n < N; n++) {
                    boolean identity = true;
                    Set<Float> tiles = new HashSet<>();
                    for (int t = 0; t < T; t++)
                        for (int h = 0; h < H; h++)
                            for (int w = 0; w < W; w++) {
                                float v = at(out, n, t, h, w);
                                // tiles are single pixels here; time and sample untouched
                                assertEquals(1000 * n + 100 * t, v - (v % 100), 0);
                                identity &= v == value(n, t, h, w);
                                if (t == 0) {
                                    tiles.add(v);
                                }
                            }
                    assertFalse(identity);
                    assertEquals(4, tiles.size());
                }
            }
            assertNull(IntraNegatives.make(IntraNegative.NONE, batch(m), new Random(1)));
        }
    }
}
