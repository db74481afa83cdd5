package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The residual block (reference SpatioTemporalResBlock): conv-BN-ReLU-conv-BN, plus the input (through a
 * 1x1x1 stride-2 conv and BN when the block downsamples), then ReLU. Kernel 3, "same" padding.
 */
final class ResBlock extends TorchModule {

    private final SpatioTemporalConv downsampleConv;
    private final BatchNorm downsampleBn;
    private final SpatioTemporalConv conv1;
    private final BatchNorm bn1;
    private final SpatioTemporalConv conv2;
    private final BatchNorm bn2;

    ResBlock(int in, int out, boolean downsample, boolean factored) {
        int[] k = Layers.triple(3);
        int[] same = Layers.triple(1);
        int[] stride = Layers.triple(downsample ? 2 : 1);
        if (downsample) {
            downsampleConv = module(
                    "downsampleconv",
                    new SpatioTemporalConv(in, out, Layers.triple(1), stride, Layers.triple(0), factored));
            downsampleBn = module("downsamplebn", Layers.batchNorm());
        } else {
            downsampleConv = null;
            downsampleBn = null;
        }
        conv1 = module("conv1", new SpatioTemporalConv(in, out, k, stride, same, factored));
        bn1 = module("bn1", Layers.batchNorm());
        conv2 = module("conv2", new SpatioTemporalConv(out, out, k, Layers.triple(1), same, factored));
        bn2 = module("bn2", Layers.batchNorm());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList res = new NDList(Activation.relu(
                bn1.forward(ps, conv1.forward(ps, inputs, training), training).singletonOrThrow()));
        NDArray residual =
                bn2.forward(ps, conv2.forward(ps, res, training), training).singletonOrThrow();
        NDArray shortcut = downsampleConv == null
                ? inputs.singletonOrThrow()
                : downsampleBn
                        .forward(ps, downsampleConv.forward(ps, inputs, training), training)
                        .singletonOrThrow();
        return new NDList(Activation.relu(shortcut.add(residual)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return conv2.getOutputShapes(conv1.getOutputShapes(inputs));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (downsampleConv != null) {
            downsampleConv.initialize(manager, dataType, inputShapes);
            downsampleBn.initialize(manager, dataType, downsampleConv.getOutputShapes(inputShapes));
        }
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] mid = conv1.getOutputShapes(inputShapes);
        bn1.initialize(manager, dataType, mid);
        conv2.initialize(manager, dataType, mid);
        bn2.initialize(manager, dataType, conv2.getOutputShapes(mid));
    }
}
