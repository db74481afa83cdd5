package org.vidssl.torch.testing;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/** A stand-in for the real backbones in tests: Conv3d(8) + BN + ReLU + global average pool + Linear(dim). */
public final class TinyEncoder {

    private TinyEncoder() {}

    public static Block create(int dim) {
        return plain(dim);
    }

    /** The tiny encoder followed by BatchNorm over the embedding (centres it across the batch). */
    public static Block centred(int dim) {
        return new SequentialBlock().add(plain(dim)).add(BatchNorm.builder().build());
    }

    private static SequentialBlock plain(int dim) {
        return new SequentialBlock()
                .add(Conv3d.builder()
                        .setKernelShape(new Shape(3, 3, 3))
                        .optPadding(new Shape(1, 1, 1))
                        .optStride(new Shape(1, 2, 2))
                        .setFilters(8)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(new LambdaBlock(x -> new NDList(globalAveragePool(x.singletonOrThrow())), "globalAvgPool"))
                .add(Linear.builder().setUnits(dim).build());
    }

    /** Two conv layers of {@code channels} (the second strided) for tests that must learn something. */
    public static Block twoLayer(int dim, int channels) {
        return new SequentialBlock()
                .add(Conv3d.builder()
                        .setKernelShape(new Shape(3, 3, 3))
                        .optPadding(new Shape(1, 1, 1))
                        .setFilters(channels)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Conv3d.builder()
                        .setKernelShape(new Shape(3, 3, 3))
                        .optPadding(new Shape(1, 1, 1))
                        .optStride(new Shape(1, 2, 2))
                        .setFilters(channels)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(new LambdaBlock(x -> new NDList(globalAveragePool(x.singletonOrThrow())), "globalAvgPool"))
                .add(Linear.builder().setUnits(dim).build());
    }

    /** N x C x T x H x W -> N x C (PyTorch's DJL mean takes one axis at a time). */
    static ai.djl.ndarray.NDArray globalAveragePool(ai.djl.ndarray.NDArray x) {
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
    }
}
