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

    private TinyEncoder() { }

    public static Block create(int dim) {
        return new SequentialBlock()
                .add(Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1))
                        .optStride(new Shape(1, 2, 2)).setFilters(8).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().mean(new int[] {2, 3, 4})), "globalAvgPool"))
                .add(Linear.builder().setUnits(dim).build());
    }
}
