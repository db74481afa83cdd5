package org.vidssl.torch.objective;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class SimClrObjectiveTest {

    static double[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] / Math.sqrt(n);
        }
        return u;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void theGradientIsTheSameWhenAGarbageCollectionFallsBetweenForwardAndBackward() {
        MemoryBankObjectiveTest.assertGradientSurvivesACollection(m -> new SimClrObjective(0.1), "SimCLR");
        MemoryBankObjectiveTest.assertGradientSurvivesACollection(m -> SimClrObjective.crossView(0.1), "in-batch");
    }

    @Test
    void ntXentWithInBatchAndIntraNegatives() {
        float[][] f1 = MemoryBankObjectiveTest.F1;
        float[][] f2 = MemoryBankObjectiveTest.F2;
        float[][] fn = MemoryBankObjectiveTest.FN;
        double t = 0.1;
        try (NDManager m = NDManager.newBaseManager()) {
            ContrastiveObjective.Output out = new SimClrObjective(t)
                    .compute(new ContrastiveObjective.Step(
                            MemoryBankObjectiveTest.create(m, f1),
                            MemoryBankObjectiveTest.create(m, f2),
                            MemoryBankObjectiveTest.create(m, fn),
                            null,
                            null,
                            null,
                            new int[] {0, 1}));
            int n = 2;
            double[][] all = new double[3 * n][];
            for (int i = 0; i < n; i++) {
                all[i] = unit(f1[i]);
                all[n + i] = unit(f2[i]);
                all[2 * n + i] = unit(fn[i]);
            }
            double[] loss = new double[2];
            double[] prob = new double[2];
            for (int view = 0; view < 2; view++) {
                for (int i = 0; i < n; i++) {
                    int self = view * n + i;
                    int positive = (1 - view) * n + i;
                    double sum = 0;
                    for (int c = 0; c < 3 * n; c++) {
                        if (c != self) {
                            sum += Math.exp(dot(all[self], all[c]) / t);
                        }
                    }
                    double p = Math.exp(dot(all[self], all[positive]) / t) / sum;
                    loss[view] += -Math.log(p) / n;
                    prob[view] += p / n;
                }
            }
            assertEquals(loss[0], out.lossView1().getFloat(), 1e-4);
            assertEquals(loss[1], out.lossView2().getFloat(), 1e-4);
            assertEquals(prob[0], out.probView1(), 1e-5);
            assertEquals(prob[1], out.probView2(), 1e-5);
        }
    }

    @Test
    void crossViewScoresEachViewAgainstTheOtherViewAndTheIntraNegativesOnly() {
        float[][] f1 = MemoryBankObjectiveTest.F1;
        float[][] f2 = MemoryBankObjectiveTest.F2;
        float[][] fn = MemoryBankObjectiveTest.FN;
        double t = 0.1;
        try (NDManager m = NDManager.newBaseManager()) {
            ContrastiveObjective.Output out = SimClrObjective.crossView(t)
                    .compute(new ContrastiveObjective.Step(
                            MemoryBankObjectiveTest.create(m, f1),
                            MemoryBankObjectiveTest.create(m, f2),
                            MemoryBankObjectiveTest.create(m, fn),
                            null,
                            null,
                            null,
                            new int[] {0, 1}));
            int n = 2;
            double[] loss = new double[2];
            double[] prob = new double[2];
            for (int view = 0; view < 2; view++) {
                float[][] anchors = view == 0 ? f1 : f2;
                float[][] other = view == 0 ? f2 : f1;
                for (int i = 0; i < n; i++) {
                    double[] a = unit(anchors[i]);
                    double sum = 0;
                    for (int c = 0; c < n; c++) {
                        sum += Math.exp(dot(a, unit(other[c])) / t) + Math.exp(dot(a, unit(fn[c])) / t);
                    }
                    double p = Math.exp(dot(a, unit(other[i])) / t) / sum;
                    loss[view] += -Math.log(p) / n;
                    prob[view] += p / n;
                }
            }
            assertEquals(loss[0], out.lossView1().getFloat(), 1e-4);
            assertEquals(loss[1], out.lossView2().getFloat(), 1e-4);
            assertEquals(prob[0], out.probView1(), 1e-5);
            assertEquals(prob[1], out.probView2(), 1e-5);
        }
    }
}
