package org.vidssl.torch.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;

/**
 * In-place copies into existing arrays (weights loaded from a file, a checkpoint restored, a momentum encoder
 * initialised). Not {@code NDArray.copyTo} or {@code NDArray.set(Buffer)}: DJL's native side of those enters a
 * deprecated LibTorch guard (AutoNonVariableTypeMode) that prints a deprecation warning in every run. An indexed copy
 * gives the same values silently.
 */
public final class InPlace {

    private InPlace() {}

    /**
     * {@code target[...] = source}; both of the same shape, on the same device. Gradient tracking is off meanwhile:
     * parameters are leaves that require gradients, which PyTorch does not let an in-place copy touch otherwise.
     */
    public static void copy(NDArray source, NDArray target) {
        if (target.getShape().dimension() == 0) {
            source.copyTo(target);
            return;
        }
        boolean gradMode = JniUtils.isGradMode(); // per thread in PyTorch
        JniUtils.setGradMode(false);
        try {
            target.set(new NDIndex(":"), source);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
