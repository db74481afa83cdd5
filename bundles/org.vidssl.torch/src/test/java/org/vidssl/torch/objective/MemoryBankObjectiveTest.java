package org.vidssl.torch.objective;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vidssl.torch.testing.FreedNativeMemory;

/** Checks the memory bank against plain-Java re-computations of the reference formulas. */
class MemoryBankObjectiveTest {

    static final int DATA = 5, DIM = 3, K = 2, N = 2;
    static final double T = 0.5, M = 0.5;
    static final float[][] F1 = {{0.2f, -0.1f, 0.4f}, {0.5f, 0.3f, -0.2f}};
    static final float[][] F2 = {{-0.3f, 0.2f, 0.1f}, {0.1f, 0.6f, 0.2f}};
    static final float[][] FN = {{0.05f, 0.1f, -0.4f}, {-0.2f, -0.2f, 0.3f}};
    static final int[] Y = {3, 1};
    static final long[][] IDX = {{3, 0, 4}, {1, 1, 2}};

    static float[][] rows(float[] flat) {
        float[][] r = new float[flat.length / DIM][DIM];
        for (int i = 0; i < r.length; i++) {
            System.arraycopy(flat, i * DIM, r[i], 0, DIM);
        }
        return r;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Scores of feature f against [bank[idx]; neg[idx]] (2K+2 rows). */
    static double[] scores(float[] f, float[][] bank, float[][] neg, long[] idx) {
        double[] s = new double[2 * idx.length];
        for (int j = 0; j < idx.length; j++) {
            s[j] = dot(bank[(int) idx[j]], f);
            s[idx.length + j] = dot(neg[(int) idx[j]], f);
        }
        return s;
    }

    static NDArray create(NDManager m, float[][] a) {
        float[] flat = new float[a.length * DIM];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, flat, i * DIM, DIM);
        }
        return m.create(flat, new Shape(a.length, DIM));
    }

    @Test
    void banksStartUniformInTheReferenceRange() {
        try (NDManager m = NDManager.newBaseManager();
                MemoryBankObjective o =
                        new MemoryBankObjective(m, m.getDevice(), 50, 12, 4, T, M, true, true, false, 1)) {
            double s = 1 / Math.sqrt(12 / 3.0);
            for (NDArray bank : new NDArray[] {o.memoryL(), o.memoryAb(), o.memoryNeg()}) {
                float[] v = bank.toFloatArray();
                assertEquals(50 * 12, v.length);
                double max = 0;
                for (float x : v) {
                    assertTrue(Math.abs(x) <= s);
                    max = Math.max(max, Math.abs(x));
                }
                assertTrue(max > 0.8 * s, "values should spread over [-s, s]");
            }
            long[][] drawn = o.drawIndices(new int[] {7, 9});
            assertEquals(7, drawn[0][0]);
            assertEquals(9, drawn[1][0]);
            assertEquals(5, drawn[0].length);
            assertEquals(10, o.rowsPerSample());
        }
    }

    @Test
    void softmaxScoresLossProbabilityUpdateAndGradientMatchTheReference() {
        try (NDManager m = NDManager.newBaseManager();
                MemoryBankObjective o =
                        new MemoryBankObjective(m, m.getDevice(), DATA, DIM, K, T, M, true, true, false, 5)) {
            float[][] memL = rows(o.memoryL().toFloatArray());
            float[][] memAb = rows(o.memoryAb().toFloatArray());
            float[][] memNeg = rows(o.memoryNeg().toFloatArray());
            NDArray f1 = create(m, F1);
            NDArray f2 = create(m, F2);
            NDArray fn = create(m, FN);
            f1.setRequiresGradient(true);
            ContrastiveObjective.Output out;
            float loss1;
            float loss2;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                out = o.compute(new ContrastiveObjective.Step(f1, f2, fn, null, null, null, Y), IDX);
                loss1 = out.lossView1().getFloat();
                loss2 = out.lossView2().getFloat();
                gc.backward(out.total());
            }
            double expected1 = 0, expected2 = 0, prob1 = 0, prob2 = 0;
            double[][] grad1 = new double[N][DIM];
            for (int i = 0; i < N; i++) {
                // view 1 against memory_ab (+neg), view 2 against memory_l (+neg)
                double[] s1 = scores(F1[i], memAb, memNeg, IDX[i]);
                double[] s2 = scores(F2[i], memL, memNeg, IDX[i]);
                double[] p1 = softmax(s1);
                double[] p2 = softmax(s2);
                expected1 += -Math.log(p1[0]) / N;
                expected2 += -Math.log(p2[0]) / N;
                prob1 += p1[0] / N;
                prob2 += p2[0] / N;
                for (int j = 0; j < p1.length; j++) {
                    float[] row = j < K + 1 ? memAb[(int) IDX[i][j]] : memNeg[(int) IDX[i][j - K - 1]];
                    double coefficient = (p1[j] - (j == 0 ? 1 : 0)) / T / N;
                    for (int d = 0; d < DIM; d++) {
                        grad1[i][d] += coefficient * row[d];
                    }
                }
            }
            assertEquals(expected1, loss1, 1e-5);
            assertEquals(expected2, loss2, 1e-5);
            assertEquals(prob1, out.probView1(), 1e-5);
            assertEquals(prob2, out.probView2(), 1e-5);
            float[] g = f1.getGradient().toFloatArray();
            for (int i = 0; i < N; i++) {
                for (int d = 0; d < DIM; d++) {
                    assertEquals(grad1[i][d], g[i * DIM + d], 1e-5, "d loss / d feat1");
                }
            }
            // update: rows Y become normalise(m * old + (1 - m) * feat); other rows unchanged
            checkUpdate(memL, F1, rows(o.memoryL().toFloatArray()));
            checkUpdate(memAb, F2, rows(o.memoryAb().toFloatArray()));
            checkUpdate(memNeg, FN, rows(o.memoryNeg().toFloatArray()));
        }
    }

    static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : s) {
            max = Math.max(max, x / T);
        }
        double sum = 0;
        double[] p = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            p[j] = Math.exp(s[j] / T - max);
            sum += p[j];
        }
        for (int j = 0; j < s.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    static void checkUpdate(float[][] before, float[][] feat, float[][] after) {
        for (int r = 0; r < DATA; r++) {
            int sample = r == Y[0] ? 0 : r == Y[1] ? 1 : -1;
            double[] expected = new double[DIM];
            double norm = 0;
            for (int d = 0; d < DIM; d++) {
                expected[d] = sample < 0 ? before[r][d] : M * before[r][d] + (1 - M) * feat[sample][d];
                norm += expected[d] * expected[d];
            }
            for (int d = 0; d < DIM; d++) {
                double want = sample < 0 ? expected[d] : expected[d] / Math.sqrt(norm);
                assertEquals(want, after[r][d], 1e-6, "bank row " + r);
            }
        }
    }

    @Test
    void nceVariantFixesZOnTheFirstBatchAndUsesTheNceCriterion() {
        try (NDManager m = NDManager.newBaseManager();
                MemoryBankObjective o =
                        new MemoryBankObjective(m, m.getDevice(), DATA, DIM, K, T, M, false, true, false, 5)) {
            float[][] memAb = rows(o.memoryAb().toFloatArray());
            float[][] memNeg = rows(o.memoryNeg().toFloatArray());
            ContrastiveObjective.Output out = o.compute(
                    new ContrastiveObjective.Step(create(m, F1), create(m, F2), create(m, FN), null, null, null, Y),
                    IDX);
            int cols = 2 * (K + 1);
            double[][] e = new double[N][];
            double mean = 0;
            for (int i = 0; i < N; i++) {
                double[] s = scores(F1[i], memAb, memNeg, IDX[i]);
                e[i] = new double[cols];
                for (int j = 0; j < cols; j++) {
                    e[i][j] = Math.exp(s[j] / T);
                    mean += e[i][j] / (N * cols);
                }
            }
            double z = mean * DATA;
            assertEquals(z, o.normalisingConstants()[0], 1e-4 * z);
            double mPn = (cols - 1.0) / DATA;
            double loss = 0;
            double prob = 0;
            for (int i = 0; i < N; i++) {
                double pos = e[i][0] / z;
                loss += Math.log(pos / (pos + mPn + 1e-7));
                prob += pos / N;
                for (int j = 1; j < cols; j++) {
                    loss += Math.log(mPn / (e[i][j] / z + mPn + 1e-7));
                }
            }
            assertEquals(-loss / N, out.lossView1().getFloat(), 1e-4);
            assertEquals(prob, out.probView1(), 1e-5);
            float zBefore = o.normalisingConstants()[0];
            o.compute(
                    new ContrastiveObjective.Step(create(m, F2), create(m, F1), create(m, FN), null, null, null, Y),
                    IDX);
            assertEquals(zBefore, o.normalisingConstants()[0], 0, "Z is set once");
        }
    }

    @Test
    void withoutIntraNegativesItIsPlainTwoViewCmc() {
        try (NDManager m = NDManager.newBaseManager();
                MemoryBankObjective o =
                        new MemoryBankObjective(m, m.getDevice(), DATA, DIM, K, T, M, true, false, true, 5)) {
            assertNull(o.memoryNeg());
            assertEquals(K + 1, o.rowsPerSample());
            float[][] memL = rows(o.memoryL().toFloatArray());
            ContrastiveObjective.Output out = o.compute(
                    new ContrastiveObjective.Step(create(m, F1), create(m, F2), null, null, null, null, Y), IDX);
            double expected = 0;
            for (int i = 0; i < N; i++) {
                // normalizeFeatures = true: the live feature is L2-normalised first
                double norm = Math.sqrt(dot(F2[i], F2[i]));
                double[] s = new double[K + 1];
                for (int j = 0; j <= K; j++) {
                    s[j] = dot(memL[(int) IDX[i][j]], F2[i]) / norm;
                }
                expected += -Math.log(softmax(s)[0]) / N;
            }
            assertEquals(expected, out.lossView2().getFloat(), 1e-5);
        }
    }
    /**
     * Regression: a bank row and a live feature that cancel (m * row + (1 - m) * feature = 0) made the update divide
     * 0 by 0, a NaN row, and every later step that scored against it a NaN loss.
     */
    @Test
    void aFeatureThatCancelsItsBankRowLeavesTheBankAndTheNextLossFinite() {
        try (NDManager m = NDManager.newBaseManager();
                MemoryBankObjective o =
                        new MemoryBankObjective(m, m.getDevice(), DATA, DIM, K, T, M, true, true, false, 5)) {
            float[][] memL = rows(o.memoryL().toFloatArray());
            float[][] cancelling = {negated(memL[Y[0]], M / (1 - M)), F1[1]};
            o.compute(
                    new ContrastiveObjective.Step(
                            create(m, cancelling), create(m, F2), create(m, FN), null, null, null, Y),
                    IDX);
            for (float v : o.memoryL().toFloatArray()) {
                assertTrue(Float.isFinite(v), "memory_l after the update");
            }
            NDArray f2 = create(m, F2);
            f2.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // view 2 is scored against memory_l, row Y[0] included
                ContrastiveObjective.Output out = o.compute(
                        new ContrastiveObjective.Step(create(m, F1), f2, create(m, FN), null, null, null, Y), IDX);
                assertTrue(Float.isFinite(out.lossView2().getFloat()), "loss of the next step");
                gc.backward(out.total());
            }
            for (float g : f2.getGradient().toFloatArray()) {
                assertTrue(Float.isFinite(g), "gradient of the next step");
            }
        }
    }

    /**
     * Regression: the NCE variant took exp(score / T) directly, which overflows float once |score| / T passes 88:
     * unnormalised features (the reference's default) of norm 30 gave inf / inf and a NaN loss on the first step.
     */
    @Test
    void nceLossAndGradientStayFiniteForLargeUnnormalisedFeatures() {
        try (NDManager m = NDManager.newBaseManager();
                MemoryBankObjective o =
                        new MemoryBankObjective(m, m.getDevice(), DATA, DIM, K, T, M, false, true, false, 5)) {
            for (int step = 0; step < 2; step++) {
                NDArray f1 = create(m, scaled(F1, 100));
                f1.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    ContrastiveObjective.Output out = o.compute(
                            new ContrastiveObjective.Step(
                                    f1, create(m, scaled(F2, 100)), create(m, scaled(FN, 100)), null, null, null, Y),
                            IDX);
                    assertTrue(Float.isFinite(out.lossView1().getFloat()), "loss of step " + step);
                    assertTrue(Float.isFinite(out.lossView2().getFloat()), "loss of step " + step);
                    assertTrue(Float.isFinite(out.probView1()), "p(pos) of step " + step);
                    gc.backward(out.total());
                }
                for (float g : f1.getGradient().toFloatArray()) {
                    assertTrue(Float.isFinite(g), "gradient of step " + step);
                }
            }
        }
    }

    /** The old NaN of the benchmark's memory run (see {@link #assertGradientSurvivesACollection}). */
    @Test
    void theGradientIsTheSameWhenAGarbageCollectionFallsBetweenForwardAndBackward() {
        for (boolean softmax : new boolean[] {true, false}) {
            assertGradientSurvivesACollection(
                    m -> new MemoryBankObjective(m, m.getDevice(), DATA, DIM, K, 0.07, M, softmax, true, true, 5),
                    softmax ? "softmax" : "NCE");
        }
    }

    /**
     * The old NaN of the benchmark's memory run: DJL's {@code div(temperature)} and {@code maximum(floor)} kept a
     * scalar for backward in a direct buffer nobody referenced, so a garbage collection between forward and
     * backward turned the gradient into garbage (NaN here) and the next loss into NaN. Checks that one step's
     * gradient is the same with freed native memory overwritten between forward and backward as without.
     */
    static void assertGradientSurvivesACollection(Function<NDManager, ContrastiveObjective> objective, String what) {
        float[] quiet = viewGradients(objective, false);
        float[] collected = viewGradients(objective, true);
        for (float g : quiet) {
            assertTrue(Float.isFinite(g) && g != 0, what + ": reference gradient " + Arrays.toString(quiet));
        }
        assertArrayEquals(quiet, collected, 1e-6f, what);
    }

    /**
     * Gradients of the view-1 and view-2 features in one step of a fresh objective (the intra-negative feature
     * only updates the memory bank); with {@code collect}, freed native memory is overwritten between forward
     * and backward.
     */
    private static float[] viewGradients(Function<NDManager, ContrastiveObjective> objective, boolean collect) {
        try (NDManager m = NDManager.newBaseManager();
                ContrastiveObjective o = objective.apply(m)) {
            NDArray[] views = {create(m, F1), create(m, F2)};
            for (NDArray f : views) {
                f.setRequiresGradient(true);
            }
            List<ByteBuffer> overwritten;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ContrastiveObjective.Output out = o.compute(
                        new ContrastiveObjective.Step(views[0], views[1], create(m, FN), null, null, null, Y));
                overwritten = collect ? FreedNativeMemory.collectAndOverwrite() : List.of();
                gc.backward(out.total());
            }
            float[] all = new float[2 * F1.length * DIM];
            for (int i = 0; i < 2; i++) {
                float[] g = views[i].getGradient().toFloatArray();
                System.arraycopy(g, 0, all, i * g.length, g.length);
            }
            Reference.reachabilityFence(overwritten);
            return all;
        }
    }

    static float[] negated(float[] row, double factor) {
        float[] r = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            r[i] = (float) (-row[i] * factor);
        }
        return r;
    }

    static float[][] scaled(float[][] a, float factor) {
        float[][] r = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new float[a[i].length];
            for (int d = 0; d < a[i].length; d++) {
                r[i][d] = a[i][d] * factor;
            }
        }
        return r;
    }
}
