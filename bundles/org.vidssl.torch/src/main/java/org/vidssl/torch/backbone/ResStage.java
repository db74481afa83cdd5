package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage of residual blocks (reference SpatioTemporalResLayer): {@code block1}, then {@code blocks.0, blocks.1, ...}.
 */
final class ResStage extends TorchModule {

    private final List<ResBlock> blocks = new ArrayList<>();

    ResStage(int in, int out, int depth, boolean downsample, boolean factored) {
        blocks.add(module("block1", new ResBlock(in, out, downsample, factored)));
        for (int i = 1; i < depth; i++) {
            blocks.add(module("blocks." + (i - 1), new ResBlock(out, out, false, factored)));
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (ResBlock b : blocks) {
            x = b.forward(ps, x, training);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] s = inputs;
        for (ResBlock b : blocks) {
            s = b.getOutputShapes(s);
        }
        return s;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (ResBlock b : blocks) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(s);
        }
    }
}
