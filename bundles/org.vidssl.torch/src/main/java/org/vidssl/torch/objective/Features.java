package org.vidssl.torch.objective;

import ai.djl.ndarray.NDArray;
import org.vidssl.torch.engine.Scalars;

/** Small tensor helpers shared by the objectives. */
final class Features {

    private static final float EPS = 1e-12f;
    private static final float MIN_SQUARED_NORM = 1e-6f;

    private Features() {}

    /**
     * Rows divided by their L2 norm (clamped away from zero). The squared norm is clamped before the square
     * root: sqrt has an infinite derivative at 0, so an all-zero row (every ReLU of a pooled feature dead)
     * would otherwise turn the gradient into NaN. The floor (a norm of 1e-3) also bounds the gradient of nearly
     * collapsed features (about 1/norm): with 1e-12 a row shrunk to ~1e-6 got gradients of ~1e6 and the next SGD
     * step turned the weights into NaN.
     */
    static NDArray l2Normalize(NDArray x) {
        return x.div(x.square()
                .sum(new int[] {1}, true)
                .maximum(Scalars.like(x, MIN_SQUARED_NORM))
                .sqrt());
    }

    /** Mean over rows of -log softmax(logits)[row, 0]: cross-entropy with target 0. */
    static NDArray crossEntropyTarget0(NDArray logits) {
        return logits.logSoftmax(1).get(":, 0").neg().mean();
    }

    /** Mean softmax probability of column 0, as a plain number. */
    static float meanProbabilityTarget0(NDArray logits) {
        try (NDArray p = logits.stopGradient().softmax(1).get(":, 0").mean()) {
            return p.getFloat();
        }
    }
}
