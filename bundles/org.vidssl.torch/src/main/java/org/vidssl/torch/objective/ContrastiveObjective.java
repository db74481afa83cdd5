package org.vidssl.torch.objective;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.vidssl.core.io.NpyArray;

/**
 * A contrastive loss over the features of view 1, view 2 and the intra-negative. Implementations hold
 * their own state (memory banks, queues, a momentum encoder) on the training device and can save and
 * restore it for checkpoints.
 */
public interface ContrastiveObjective extends AutoCloseable {

    /**
     * What one step gives the objective. Features come from the online encoder and are part of the
     * gradient graph; the inputs are there for objectives with their own key encoder (MoCo).
     *
     * @param feat1     view-1 features, N x D
     * @param feat2     view-2 features, N x D
     * @param featNeg   intra-negative features, N x D, or null without intra-negatives
     * @param view1     view-1 input batch
     * @param view2     view-2 input batch
     * @param negative  intra-negative input batch, or null
     * @param indices   dataset index of each sample (memory-bank rows)
     */
    record Step(
            NDArray feat1,
            NDArray feat2,
            NDArray featNeg,
            NDArray view1,
            NDArray view2,
            NDArray negative,
            int[] indices) {}

    /**
     * Loss terms (scalars, in the graph) and diagnostics.
     *
     * @param lossView1 loss of the view-1 anchors
     * @param lossView2 loss of the view-2 anchors
     * @param probView1 mean probability given to the positive by the view-1 term (no gradient needed)
     * @param probView2 the same for view 2
     */
    record Output(NDArray lossView1, NDArray lossView2, float probView1, float probView2) {
        public NDArray total() {
            return lossView1.add(lossView2);
        }
    }

    /** Whether the online encoder must embed the intra-negative (false when the objective embeds it itself). */
    default boolean needsNegativeFeatures() {
        return true;
    }

    Output compute(Step step);

    /** Called after the optimiser step, outside the gradient recording (momentum-encoder update). */
    default void afterOptimizerStep() {}

    /** Named state arrays for a checkpoint (copied to the host). */
    Map<String, NpyArray> state();

    /** Restores what {@link #state()} returned; throws naming the entry when a shape does not match. */
    void loadState(Map<String, NpyArray> state);

    @Override
    void close();
}
