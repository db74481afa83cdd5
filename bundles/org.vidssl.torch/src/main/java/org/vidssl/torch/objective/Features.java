package org.vidssl.torch.objective;

import ai.djl.ndarray.NDArray;

/** Small tensor helpers shared by the objectives. */
final class Features {

    private static final float EPS = 1e-12f;

    private Features() { }

    /** Rows divided by their L2 norm (clamped away from zero). */
    static NDArray l2Normalize(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).sqrt().maximum(EPS));
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
