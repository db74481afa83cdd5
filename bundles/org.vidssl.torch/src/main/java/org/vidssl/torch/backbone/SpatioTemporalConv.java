package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A t x d x d convolution, bias-free, as the reference's SpatioTemporalConv. Full form (R3D): one Conv3d named
 * {@code temporal_spatial_conv}. Factored form (R(2+1)D): a 1 x d x d {@code spatial_conv} to M channels,
 * {@code bn}, ReLU, then a t x 1 x 1 {@code temporal_conv}, with M = floor(t d d Cin Cout / (d d Cin + t Cout)).
 */
final class SpatioTemporalConv extends TorchModule {

    private final Conv3d full;
    private final Conv3d spatial;
    private final BatchNorm bn;
    private final Conv3d temporal;

    SpatioTemporalConv(int in, int out, int[] kernel, int[] stride, int[] padding, boolean factored) {
        if (!factored) {
            full = module("temporal_spatial_conv", Layers.conv(out, kernel, stride, padding, false));
            spatial = null;
            bn = null;
            temporal = null;
        } else {
            int middle = middleWidth(in, out, kernel);
            full = null;
            spatial = module("spatial_conv", Layers.conv(middle, new int[] {1, kernel[1], kernel[2]},
                    new int[] {1, stride[1], stride[2]}, new int[] {0, padding[1], padding[2]}, false));
            bn = module("bn", Layers.batchNorm());
            temporal = module("temporal_conv", Layers.conv(out, new int[] {kernel[0], 1, 1},
                    new int[] {stride[0], 1, 1}, new int[] {padding[0], 0, 0}, false));
        }
    }

    /** The R(2+1)D paper's middle width (section 3.5): the factored pair has the parameters of the full conv. */
    static int middleWidth(int in, int out, int[] kernel) {
        long t = kernel[0];
        long dd = (long) kernel[1] * kernel[2];
        return (int) ((t * dd * in * out) / (dd * in + t * out));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (full != null) {
            return full.forward(ps, inputs, training);
        }
        NDList x = spatial.forward(ps, inputs, training);
        x = new NDList(Activation.relu(bn.forward(ps, x, training).singletonOrThrow()));
        return temporal.forward(ps, x, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return full != null ? full.getOutputShapes(inputs) : temporal.getOutputShapes(spatial.getOutputShapes(inputs));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (full != null) {
            full.initialize(manager, dataType, inputShapes);
            return;
        }
        spatial.initialize(manager, dataType, inputShapes);
        Shape[] middle = spatial.getOutputShapes(inputShapes);
        bn.initialize(manager, dataType, middle);
        temporal.initialize(manager, dataType, middle);
    }
}
