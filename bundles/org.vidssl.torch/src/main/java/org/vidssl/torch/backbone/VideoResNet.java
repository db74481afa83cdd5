package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.vidssl.core.settings.Backbone;

/**
 * R3D, R(2+1)D and R3D-18 as in the reference (VCOP/VCP/PRP layout): a 3x7x7 stride-(1,2,2) stem to 64
 * channels with BN and ReLU, then four residual stages; the (2+1)D variant factors every conv.
 */
final class VideoResNet extends VideoBackbone {

    /**
     * One residual stage: reference attribute name, output channels at the paper's width, whether its first block
     * halves T, H, W.
     */
    record Stage(String name, int channels, boolean downsample) {}

    static final List<Stage> STAGES = List.of(
            new Stage("conv2", 64, false),
            new Stage("conv3", 128, true),
            new Stage("conv4", 256, true),
            new Stage("conv5", 512, true));

    private final SpatioTemporalConv stemConv;
    private final BatchNorm stemBn;
    private final List<ResStage> stages = new ArrayList<>();

    /**
     * @param depths   blocks per stage: (1,1,1,1) for R3D and R(2+1)D, (2,2,2,2) for R3D-18
     * @param factored R(2+1)D convs when true
     * @param width    base channels (64 = the paper; the stages have 1, 2, 4, 8 times this)
     */
    VideoResNet(Backbone architecture, int[] depths, boolean factored, int numClasses, int width) {
        super(architecture, numClasses, width);
        stemConv = module(
                "conv1",
                new SpatioTemporalConv(
                        3, scaled(64), new int[] {3, 7, 7}, new int[] {1, 2, 2}, new int[] {1, 3, 3}, factored));
        stemBn = module("bn1", Layers.batchNorm());
        int in = scaled(64);
        for (int i = 0; i < STAGES.size(); i++) {
            Stage s = STAGES.get(i);
            int out = scaled(s.channels());
            stages.add(module(s.name(), new ResStage(in, out, depths[i], s.downsample(), factored)));
            in = out;
        }
        addHeadIfAny();
    }

    @Override
    protected NDArray convMap(ParameterStore ps, NDArray x, boolean training) {
        NDList h = stemBn.forward(ps, stemConv.forward(ps, new NDList(x), training), training);
        h = new NDList(Activation.relu(h.singletonOrThrow()));
        for (ResStage stage : stages) {
            h = stage.forward(ps, h, training);
        }
        return h.singletonOrThrow();
    }

    @Override
    protected Shape convMapShape(Shape input) {
        Shape[] s = stemConv.getOutputShapes(new Shape[] {input});
        for (ResStage stage : stages) {
            s = stage.getOutputShapes(s);
        }
        return s[0];
    }

    @Override
    protected void initializeTrunk(NDManager manager, DataType dataType, Shape input) {
        Shape[] s = {input};
        stemConv.initialize(manager, dataType, s);
        s = stemConv.getOutputShapes(s);
        stemBn.initialize(manager, dataType, s);
        for (ResStage stage : stages) {
            stage.initialize(manager, dataType, s);
            s = stage.getOutputShapes(s);
        }
    }
}
