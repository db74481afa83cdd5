package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
 *
 * <p>Short clips leave the last stage one or two frames, where two of the three temporal kernel slices only ever
 * meet zero padding. A large full-form conv then convolves with the live slices alone and no temporal padding: the
 * same output and gradients (the dead slices' gradient is zero either way) for a third of the work, which is most
 * of the backward time of the paper's R3D at 8 frames.
 */
final class SpatioTemporalConv extends TorchModule {

    private final Conv3d full;
    private final Conv3d spatial;
    private final BatchNorm bn;
    private final Conv3d temporal;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    /** Whether this conv is large enough for trimming to pay, see {@link #TRIM_MIN_WEIGHTS}. */
    private final boolean trimmable;

    /**
     * Weights from which trimming dead kernel slices pays. The slice costs a zero-filled gradient of the whole weight
     * and extra ops: measured on 2 cores, a width-64 R3D at 8x56x56 (layer4: 3.5M and 7M weights) ran a
     * forward+backward 5-15% faster, a width-16 one at 8x28x28 (0.4M) 25-35% slower.
     */
    static final long TRIM_MIN_WEIGHTS = 1L << 20;

    SpatioTemporalConv(int in, int out, int[] kernel, int[] stride, int[] padding, boolean factored) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.trimmable = !factored && (long) in * out * kernel[0] * kernel[1] * kernel[2] >= TRIM_MIN_WEIGHTS;
        if (!factored) {
            full = module("temporal_spatial_conv", Layers.conv(out, kernel, stride, padding, false));
            spatial = null;
            bn = null;
            temporal = null;
        } else {
            int middle = middleWidth(in, out, kernel);
            full = null;
            spatial = module(
                    "spatial_conv",
                    Layers.conv(
                            middle,
                            new int[] {1, kernel[1], kernel[2]},
                            new int[] {1, stride[1], stride[2]},
                            new int[] {0, padding[1], padding[2]},
                            false));
            bn = module("bn", Layers.batchNorm());
            temporal = module(
                    "temporal_conv",
                    Layers.conv(
                            out,
                            new int[] {kernel[0], 1, 1},
                            new int[] {stride[0], 1, 1},
                            new int[] {padding[0], 0, 0},
                            false));
        }
    }

    /** The R(2+1)D paper's middle width (section 3.5): the factored pair has the parameters of the full conv. */
    static int middleWidth(int in, int out, int[] kernel) {
        long t = kernel[0];
        long dd = (long) kernel[1] * kernel[2];
        return (int) ((t * dd * in * out) / (dd * in + t * out));
    }

    /**
     * The kernel slices [from, to) along time that meet real frames, when the others only ever meet padding and the
     * live ones give the same outputs without any padding; null when every slice is live (or trimming would not
     * line up).
     */
    static int[] liveTemporalSlices(long frames, int kernel, int stride, int padding) {
        long outputs = (frames + 2L * padding - kernel) / stride + 1;
        int from = kernel;
        int to = 0;
        for (int j = 0; j < kernel; j++) {
            for (long t = 0; t < outputs; t++) {
                long frame = t * stride - padding + j;
                if (frame >= 0 && frame < frames) {
                    from = Math.min(from, j);
                    to = Math.max(to, j + 1);
                }
            }
        }
        boolean trims = from > 0 || to < kernel;
        boolean linesUp = from == padding
                && (outputs - 1) * stride - padding + to - 1 < frames
                && (frames - (to - from)) / stride + 1 == outputs;
        return trims && linesUp ? new int[] {from, to} : null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (full != null) {
            NDArray x = inputs.singletonOrThrow();
            int[] live = trimmable ? liveTemporalSlices(x.getShape().get(2), kernel[0], stride[0], padding[0]) : null;
            if (live == null) {
                return full.forward(ps, inputs, training);
            }
            NDArray weight = ps.getValue(full.getParameters().get("weight"), x.getDevice(), training);
            return Conv3d.conv3d(
                    x,
                    weight.get(new NDIndex(":, :, {}:{}", live[0], live[1])),
                    null,
                    Layers.shape(stride),
                    new Shape(0, padding[1], padding[2]));
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
