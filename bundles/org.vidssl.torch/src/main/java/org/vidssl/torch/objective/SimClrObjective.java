package org.vidssl.torch.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.engine.Scalars;

/**
 * NT-Xent (SimCLR) between view 1 and view 2 with in-batch negatives, intra-negatives appended.
 *
 * <p>Embeddings are L2-normalised. For the view-1 anchor i the candidates are every view-1 and view-2
 * embedding of the batch except the anchor itself, plus every intra-negative embedding of the batch
 * (the sample's own intra-negative is the hard one); the positive is view 2 of sample i. The view-2
 * anchors mirror this. Logits are cosine / T; each view's loss is the mean cross-entropy of its anchors.
 * No state: nothing to checkpoint.
 *
 * <p>The cross-view variant ({@link #crossView}) scores as the paper's memory bank does, with the batch in place
 * of the bank: the view-1 anchor i against every view-2 embedding of the batch plus every intra-negative, the
 * view-2 anchor against every view-1 embedding plus every intra-negative; no same-view candidates. All candidates
 * of an anchor are then of one modality, so the RGB/residual gap does not dominate the first epochs.
 */
public final class SimClrObjective implements ContrastiveObjective {

    /** Added to the self-similarity logits so that exp() of them is 0. */
    private static final float MASKED = -1e9f;

    private final float temperature;
    private final boolean crossView;

    public SimClrObjective(double temperature) {
        this(temperature, false);
    }

    private SimClrObjective(double temperature, boolean crossView) {
        this.temperature = (float) temperature;
        this.crossView = crossView;
    }

    /** The cross-view variant: no same-view negatives (see the class comment). */
    public static SimClrObjective crossView(double temperature) {
        return new SimClrObjective(temperature, true);
    }

    @Override
    public Output compute(Step step) {
        NDArray z1 = Features.l2Normalize(step.feat1());
        NDArray z2 = Features.l2Normalize(step.feat2());
        int n = (int) z1.getShape().get(0);
        if (crossView) {
            return crossViewOutput(z1, z2, step.featNeg() == null ? null : Features.l2Normalize(step.featNeg()), n);
        }
        NDList all = new NDList(z1, z2);
        if (step.featNeg() != null) {
            all.add(Features.l2Normalize(step.featNeg()));
        }
        NDArray candidates = NDArrays.concat(all, 0);
        int columns = (int) candidates.getShape().get(0);
        NDArray logits1 = z1.matMul(candidates.transpose()).div(Scalars.like(z1, temperature));
        NDArray logits2 = z2.matMul(candidates.transpose()).div(Scalars.like(z1, temperature));
        NDManager manager = z1.getManager();
        // view-1 anchor i: itself is column i, its positive column n + i; view-2 anchor i: itself n + i, positive i
        NDArray mask1 = selfMask(manager, n, columns, 0).toDevice(z1.getDevice(), false);
        NDArray mask2 = selfMask(manager, n, columns, n).toDevice(z1.getDevice(), false);
        NDArray target1 = oneHot(manager, n, columns, n).toDevice(z1.getDevice(), false);
        NDArray target2 = oneHot(manager, n, columns, 0).toDevice(z1.getDevice(), false);
        NDArray logProb1 = logits1.add(mask1).logSoftmax(1);
        NDArray logProb2 = logits2.add(mask2).logSoftmax(1);
        NDArray loss1 = logProb1.mul(target1).sum().neg().div(Scalars.like(z1, n));
        NDArray loss2 = logProb2.mul(target2).sum().neg().div(Scalars.like(z1, n));
        return new Output(loss1, loss2, meanProbability(logProb1, target1, n), meanProbability(logProb2, target2, n));
    }

    /** Positive = the same sample in the other view, column i of [other view; intra-negatives]. */
    private Output crossViewOutput(NDArray z1, NDArray z2, NDArray zNeg, int n) {
        NDArray candidates1 = zNeg == null ? z2 : NDArrays.concat(new NDList(z2, zNeg), 0);
        NDArray candidates2 = zNeg == null ? z1 : NDArrays.concat(new NDList(z1, zNeg), 0);
        int columns = (int) candidates1.getShape().get(0);
        NDArray target = oneHot(z1.getManager(), n, columns, 0).toDevice(z1.getDevice(), false);
        NDArray logProb1 = z1.matMul(candidates1.transpose())
                .div(Scalars.like(z1, temperature))
                .logSoftmax(1);
        NDArray logProb2 = z2.matMul(candidates2.transpose())
                .div(Scalars.like(z1, temperature))
                .logSoftmax(1);
        NDArray loss1 = logProb1.mul(target).sum().neg().div(Scalars.like(z1, n));
        NDArray loss2 = logProb2.mul(target).sum().neg().div(Scalars.like(z1, n));
        return new Output(loss1, loss2, meanProbability(logProb1, target, n), meanProbability(logProb2, target, n));
    }

    private static float meanProbability(NDArray logProb, NDArray target, int n) {
        return logProb.stopGradient().exp().mul(target).sum().getFloat() / n;
    }

    private static NDArray selfMask(NDManager manager, int n, int columns, int offset) {
        float[] m = new float[n * columns];
        for (int i = 0; i < n; i++) {
            m[i * columns + offset + i] = MASKED;
        }
        return manager.create(m, new Shape(n, columns));
    }

    private static NDArray oneHot(NDManager manager, int n, int columns, int offset) {
        float[] m = new float[n * columns];
        for (int i = 0; i < n; i++) {
            m[i * columns + offset + i] = 1;
        }
        return manager.create(m, new Shape(n, columns));
    }

    @Override
    public Map<String, NpyArray> state() {
        return Map.of();
    }

    @Override
    public void loadState(Map<String, NpyArray> state) {
        // stateless
    }

    @Override
    public void close() {
        // nothing held
    }
}
