package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/** The layer settings shared by all backbones, in PyTorch's conventions. */
final class Layers {

    private Layers() {}

    static Conv3d conv(int filters, int[] kernel, int[] stride, int[] padding, boolean bias) {
        return Conv3d.builder()
                .setFilters(filters)
                .setKernelShape(shape(kernel))
                .optStride(shape(stride))
                .optPadding(shape(padding))
                .optBias(bias)
                .build();
    }

    /**
     * BatchNorm3d as PyTorch builds it: eps 1e-5, momentum 0.1. DJL's momentum is the weight of the running
     * value (DJL passes 1 - momentum to torch.batch_norm), so PyTorch's 0.1 is DJL's 0.9.
     */
    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    static int[] triple(int v) {
        return new int[] {v, v, v};
    }

    static Shape shape(int[] v) {
        return new Shape(v[0], v[1], v[2]);
    }

    /**
     * Max pooling with stride = kernel over the (T, H, W) axes, ceil mode off like the reference. A kernel
     * longer than the input along an axis shrinks to that axis, so small inputs (8 frames, 32 px) still pass.
     */
    static NDArray maxPool(NDArray x, int[] kernel) {
        Shape k = shape(fitKernel(x.getShape(), kernel));
        return Pool.maxPool3d(x, k, k, new Shape(0, 0, 0), false);
    }

    /** The shape {@link #maxPool} produces. */
    static Shape maxPoolShape(Shape in, int[] kernel) {
        int[] k = fitKernel(in, kernel);
        return new Shape(in.get(0), in.get(1), in.get(2) / k[0], in.get(3) / k[1], in.get(4) / k[2]);
    }

    private static int[] fitKernel(Shape in, int[] kernel) {
        int[] k = new int[3];
        for (int i = 0; i < 3; i++) {
            k[i] = (int) Math.max(1, Math.min(kernel[i], in.get(2 + i)));
        }
        return k;
    }
}
