package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.vidssl.core.settings.Backbone;

/** C3D with BatchNorm (the reference's variant): eight 3x3x3 convs with bias, BN and ReLU, max pools between. */
final class C3D extends VideoBackbone {

    /**
     * One conv layer: suffix of the reference names (conv3a / bn3a), output channels at the paper's width, max pool
     * after it (null = none).
     */
    record Layer(String suffix, int channels, int[] poolAfter) {}

    private static final int[] POOL_HW = {1, 2, 2};
    private static final int[] POOL_THW = {2, 2, 2};

    static final List<Layer> LAYERS = List.of(
            new Layer("1", 64, POOL_HW),
            new Layer("2", 128, POOL_THW),
            new Layer("3a", 256, null),
            new Layer("3b", 256, POOL_THW),
            new Layer("4a", 512, null),
            new Layer("4b", 512, POOL_THW),
            new Layer("5a", 512, null),
            new Layer("5b", 512, null));

    private final Conv3d[] convs = new Conv3d[LAYERS.size()];
    private final BatchNorm[] norms = new BatchNorm[LAYERS.size()];

    C3D(int numClasses, int width) {
        super(Backbone.C3D, numClasses, width);
        for (int i = 0; i < LAYERS.size(); i++) {
            Layer l = LAYERS.get(i);
            convs[i] = module(
                    "conv" + l.suffix(),
                    Layers.conv(scaled(l.channels()), Layers.triple(3), Layers.triple(1), Layers.triple(1), true));
            norms[i] = module("bn" + l.suffix(), Layers.batchNorm());
        }
        addHeadIfAny();
    }

    @Override
    protected NDArray convMap(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = x;
        for (int i = 0; i < LAYERS.size(); i++) {
            NDList c = convs[i].forward(ps, new NDList(h), training);
            h = Activation.relu(norms[i].forward(ps, c, training).singletonOrThrow());
            if (LAYERS.get(i).poolAfter() != null) {
                h = Layers.maxPool(h, LAYERS.get(i).poolAfter());
            }
        }
        return h;
    }

    @Override
    protected Shape convMapShape(Shape input) {
        Shape s = input;
        for (int i = 0; i < LAYERS.size(); i++) {
            s = convs[i].getOutputShapes(new Shape[] {s})[0];
            if (LAYERS.get(i).poolAfter() != null) {
                s = Layers.maxPoolShape(s, LAYERS.get(i).poolAfter());
            }
        }
        return s;
    }

    @Override
    protected void initializeTrunk(NDManager manager, DataType dataType, Shape input) {
        Shape s = input;
        for (int i = 0; i < LAYERS.size(); i++) {
            convs[i].initialize(manager, dataType, s);
            s = convs[i].getOutputShapes(new Shape[] {s})[0];
            norms[i].initialize(manager, dataType, s);
            if (LAYERS.get(i).poolAfter() != null) {
                s = Layers.maxPoolShape(s, LAYERS.get(i).poolAfter());
            }
        }
    }
}
