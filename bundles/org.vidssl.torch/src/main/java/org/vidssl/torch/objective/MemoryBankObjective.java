package org.vidssl.torch.objective;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.engine.Scalars;
import org.vidssl.torch.train.HostArrays;
import org.vidssl.torch.train.StatefulRandom;

/**
 * The paper's CMC memory bank (reference {@code NCEAverage} + {@code NCESoftmaxLoss}/{@code NCECriterion}).
 *
 * <p>Banks {@code memory_l} (view 1), {@code memory_ab} (view 2) and, with intra-negatives,
 * {@code memory_neg}, each N_data x D, start uniform in [-s, s], s = 1/sqrt(D/3). Per step every sample
 * draws K uniform indices with its own index first. The view-2 feature is scored against
 * {@code [memory_l[idx]; memory_neg[idx]]} (2K+2 rows, K+1 without intra-negatives), the view-1 feature
 * against {@code [memory_ab[idx]; memory_neg[idx]]}. Softmax mode divides by T and takes cross-entropy
 * with target 0; NCE mode takes exp(score/T)/Z with Z = mean * N_data fixed on the first batch, and the
 * NCE criterion with noise probability 1/N_data. Afterwards each bank row of the batch becomes
 * normalise(m * row + (1-m) * feature), without gradient.
 *
 * <p>Like the reference, the K draws may include the sample's own index again. Live features are used
 * as they come unless {@code normalizeFeatures} is set.
 */
public final class MemoryBankObjective implements ContrastiveObjective {

    private static final float NCE_EPS = 1e-7f;

    private final NDManager manager;
    private final int dataSize;
    private final int dim;
    private final int k;
    private final float temperature;
    private final float momentum;
    private final boolean softmax;
    private final boolean intraNegatives;
    private final boolean normalizeFeatures;
    private final StatefulRandom rng;
    private final NDArray memoryL;
    private final NDArray memoryAb;
    private final NDArray memoryNeg;
    /** Logs of the NCE normalising constants of the view-1 and view-2 scores; null until the first batch sets them. */
    private Float logZL;

    private Float logZAb;

    public MemoryBankObjective(
            NDManager parent,
            Device device,
            int dataSize,
            int dim,
            int k,
            double temperature,
            double momentum,
            boolean softmax,
            boolean intraNegatives,
            boolean normalizeFeatures,
            long seed) {
        if (dataSize < 1) {
            throw new IllegalArgumentException("The memory bank needs at least one training video, got " + dataSize);
        }
        this.manager = parent.newSubManager(device);
        this.dataSize = dataSize;
        this.dim = dim;
        this.k = k;
        this.temperature = (float) temperature;
        this.momentum = (float) momentum;
        this.softmax = softmax;
        this.intraNegatives = intraNegatives;
        this.normalizeFeatures = normalizeFeatures;
        this.rng = new StatefulRandom(seed);
        float stdv = (float) (1.0 / Math.sqrt(dim / 3.0));
        this.memoryL = uniformBank(stdv);
        this.memoryAb = uniformBank(stdv);
        this.memoryNeg = intraNegatives ? uniformBank(stdv) : null;
    }

    private NDArray uniformBank(float stdv) {
        float[] values = new float[dataSize * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = (rng.nextFloat() * 2 - 1) * stdv;
        }
        return manager.create(values, new Shape(dataSize, dim));
    }

    /** Rows scored per sample: K+1, or 2K+2 with intra-negatives. */
    public int rowsPerSample() {
        return intraNegatives ? 2 * (k + 1) : k + 1;
    }

    /**
     * K uniform indices per sample, the sample's own index first (what {@code AliasMethod} draws with uniform
     * weights).
     */
    public long[][] drawIndices(int[] own) {
        long[][] idx = new long[own.length][k + 1];
        for (int i = 0; i < own.length; i++) {
            for (int j = 0; j < k + 1; j++) {
                idx[i][j] = rng.nextInt(dataSize);
            }
            idx[i][0] = own[i];
        }
        return idx;
    }

    @Override
    public Output compute(Step step) {
        return compute(step, drawIndices(step.indices()));
    }

    /** One step with given sample indices (N x (K+1), own index first); tests use it to fix the draw. */
    public Output compute(Step step, long[][] drawn) {
        NDArray feat1 = normalizeFeatures ? Features.l2Normalize(step.feat1()) : step.feat1();
        NDArray feat2 = normalizeFeatures ? Features.l2Normalize(step.feat2()) : step.feat2();
        NDArray featNeg = null;
        if (intraNegatives) {
            if (step.featNeg() == null) {
                throw new IllegalArgumentException(
                        "This memory bank was built with intra-negatives but the step has none");
            }
            featNeg = normalizeFeatures ? Features.l2Normalize(step.featNeg()) : step.featNeg();
        }
        int n = drawn.length;
        long[] flat = new long[n * (k + 1)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(drawn[i], 0, flat, i * (k + 1), k + 1);
        }
        NDArray idx = manager.create(flat).toDevice(feat1.getDevice(), false);
        NDArray weightL = gather(memoryL, idx, n);
        NDArray weightAb = gather(memoryAb, idx, n);
        if (intraNegatives) {
            NDArray weightNeg = gather(memoryNeg, idx, n);
            weightL = NDArrays.concat(new NDList(weightL, weightNeg), 1);
            weightAb = NDArrays.concat(new NDList(weightAb, weightNeg), 1);
        }
        // out_l: view-1 feature against view-2 (and negative) memories; out_ab: view-2 against view-1 memories
        NDArray scoresL = weightAb.batchMatMul(feat1.reshape(n, dim, 1)).reshape(n, -1);
        NDArray scoresAb = weightL.batchMatMul(feat2.reshape(n, dim, 1)).reshape(n, -1);
        Output out;
        if (softmax) {
            NDArray logitsL = scoresL.div(Scalars.like(scoresL, temperature));
            NDArray logitsAb = scoresAb.div(Scalars.like(scoresAb, temperature));
            out = new Output(
                    Features.crossEntropyTarget0(logitsL),
                    Features.crossEntropyTarget0(logitsAb),
                    Features.meanProbabilityTarget0(logitsL),
                    Features.meanProbabilityTarget0(logitsAb));
        } else {
            // log(exp(s/T) / Z), never exp(s/T) itself: unnormalised features (the reference's default) give scores
            // whose exp overflows float, and inf / inf made the loss NaN
            NDArray logitsL = scoresL.div(Scalars.like(scoresL, temperature));
            NDArray logitsAb = scoresAb.div(Scalars.like(scoresAb, temperature));
            if (logZL == null) {
                logZL = (float) (logMeanExp(logitsL) + Math.log(dataSize));
            }
            if (logZAb == null) {
                logZAb = (float) (logMeanExp(logitsAb) + Math.log(dataSize));
            }
            NDArray logPL = logitsL.sub(logZL);
            NDArray logPAb = logitsAb.sub(logZAb);
            out = new Output(nceLoss(logPL), nceLoss(logPAb), positiveMean(logPL), positiveMean(logPAb));
        }
        update(memoryL, feat1, step.indices());
        update(memoryAb, feat2, step.indices());
        if (intraNegatives) {
            update(memoryNeg, featNeg, step.indices());
        }
        return out;
    }

    private NDArray gather(NDArray memory, NDArray idx, int n) {
        return memory.get(new NDIndex("{}", idx)).reshape(n, k + 1, dim);
    }

    /**
     * NCECriterion: -(sum log P_pos/(P_pos + m Pn) + sum log m Pn/(P_neg + m Pn)) / bsz, m = columns - 1, from
     * log P: with c = m Pn + eps, log P/(P + c) = -softplus(log c - log P) and log m Pn/(P + c) = log(m Pn / c) -
     * softplus(log P - log c), finite for every finite score.
     */
    private NDArray nceLoss(NDArray logP) {
        long n = logP.getShape().get(0);
        long m = logP.getShape().get(1) - 1;
        double mPn = (double) m / dataSize;
        float logC = (float) Math.log(mPn + NCE_EPS);
        NDArray logPos = logP.get(":, 0");
        NDArray logNeg = logP.get(":, 1:");
        NDArray logD1 = softplus(logPos.neg().add(logC)).neg();
        NDArray logD0 = softplus(logNeg.sub(logC)).neg().add((float) Math.log(mPn / (mPn + NCE_EPS)));
        return logD1.sum().add(logD0.sum()).neg().div(Scalars.like(logP, n));
    }

    /** log(1 + e^x) without overflow: max(x, 0) + log(1 + e^-|x|). */
    private static NDArray softplus(NDArray x) {
        return x.maximum(Scalars.like(x, 0f)).add(x.abs().neg().exp().add(1f).log());
    }

    /** log(mean(exp(x))) over all entries, computed around the maximum so that exp cannot overflow. */
    private static double logMeanExp(NDArray x) {
        NDArray v = x.stopGradient();
        float max = v.max().getFloat();
        return max + Math.log(v.sub(max).exp().mean().getFloat());
    }

    private static float positiveMean(NDArray logP) {
        return logP.stopGradient().get(":, 0").exp().mean().getFloat();
    }

    /** mem[y] = normalise(m * mem[y] + (1 - m) * feat), no gradient. */
    private void update(NDArray memory, NDArray feat, int[] rows) {
        NDArray y = manager.create(toLong(rows)).toDevice(memory.getDevice(), false);
        NDIndex at = new NDIndex("{}", y);
        NDArray mixed = memory.get(at).mul(momentum).add(feat.stopGradient().mul(1 - momentum));
        // floored like the features: a row and a feature that cancel used to give 0 / 0, a NaN row in the bank
        memory.set(at, Features.l2Normalize(mixed));
    }

    private static long[] toLong(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }

    public NDArray memoryL() {
        return memoryL;
    }

    public NDArray memoryAb() {
        return memoryAb;
    }

    /** The intra-negative bank, or null without intra-negatives. */
    public NDArray memoryNeg() {
        return memoryNeg;
    }

    /** NCE constants {Z_l, Z_ab}; negative until set. */
    public float[] normalisingConstants() {
        return new float[] {logZL == null ? -1 : (float) Math.exp(logZL), logZAb == null ? -1 : (float) Math.exp(logZAb)
        };
    }

    @Override
    public Map<String, NpyArray> state() {
        Map<String, NpyArray> s = new LinkedHashMap<>();
        s.put("memory_l", HostArrays.of(memoryL));
        s.put("memory_ab", HostArrays.of(memoryAb));
        if (memoryNeg != null) {
            s.put("memory_neg", HostArrays.of(memoryNeg));
        }
        // log Z (Z itself overflows float for large scores); NaN until set
        s.put("nce_log_z", new NpyArray(new long[] {2}, new float[] {logZ(logZL), logZ(logZAb)}));
        s.put("rng", rng.save());
        return s;
    }

    @Override
    public void loadState(Map<String, NpyArray> state) {
        HostArrays.copyInto(require(state, "memory_l"), memoryL, "memory_l");
        HostArrays.copyInto(require(state, "memory_ab"), memoryAb, "memory_ab");
        if (memoryNeg != null) {
            HostArrays.copyInto(require(state, "memory_neg"), memoryNeg, "memory_neg");
        }
        float[] logZ = require(state, "nce_log_z").data();
        logZL = Float.isNaN(logZ[0]) ? null : logZ[0];
        logZAb = Float.isNaN(logZ[1]) ? null : logZ[1];
        rng.restore(require(state, "rng"));
    }

    private static float logZ(Float value) {
        return value == null ? Float.NaN : value.floatValue();
    }

    static NpyArray require(Map<String, NpyArray> state, String name) {
        NpyArray a = state.get(name);
        if (a == null) {
            throw new IllegalArgumentException(
                    "Checkpoint has no entry '" + name + "': it was written for another objective or is damaged.");
        }
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
