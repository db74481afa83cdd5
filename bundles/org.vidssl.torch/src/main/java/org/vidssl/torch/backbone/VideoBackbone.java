package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vidssl.core.settings.Backbone;

/**
 * A 3D CNN over clips N x 3 x T x H x W. As a DJL block its output is NDList(N x 512 pooled features), or
 * NDList(N x classes logits) when built with a linear head (the reference's {@code with_classifier}).
 * {@link #features} gives either feature explicitly, including the retrieval feature ({@link FeatureKind#CONV}).
 * Parameter names follow the reference PyTorch state_dict ({@link #torchParameters()}).
 */
public abstract class VideoBackbone extends TorchModule {

    /** Width of the pooled feature of the paper's networks (base width 64). */
    public static final int FEATURE_DIM = 512;
    /** The paper's base width: channels of the first stage (64/128/256/512 through the stages). */
    public static final int PAPER_WIDTH = 64;

    private static final int[] RETRIEVAL_POOL = {1, 2, 2};

    private final Backbone architecture;
    private final int numClasses;
    private final int width;
    private Linear head;

    protected VideoBackbone(Backbone architecture, int numClasses) {
        this(architecture, numClasses, PAPER_WIDTH);
    }

    /** @param width base channels; every layer's channels scale by width / 64 (64 = the paper's network) */
    protected VideoBackbone(Backbone architecture, int numClasses, int width) {
        Backbones.checkWidth(width);
        if (numClasses < 0) {
            throw new IllegalArgumentException(
                    "Number of classes must be 0 (no head) or positive, got " + numClasses + ".");
        }
        this.architecture = architecture;
        this.numClasses = numClasses;
        this.width = width;
    }

    /** Channels of a layer that has {@code paperChannels} in the paper's network, at this backbone's width. */
    protected int scaled(int paperChannels) {
        return paperChannels * width / PAPER_WIDTH;
    }

    /**
     * Called last by subclass constructors, so the head comes last in the state_dict like the reference's {@code
     * linear}.
     */
    protected final void addHeadIfAny() {
        if (numClasses > 0) {
            head = module(
                    "linear",
                    Linear.builder().setUnits(numClasses).optBias(true).build());
        }
    }

    /** The last conv map, N x featureDim x T' x H' x W'. */
    protected abstract NDArray convMap(ParameterStore ps, NDArray x, boolean training);

    /** The shape {@link #convMap} produces for an input shape. */
    protected abstract Shape convMapShape(Shape input);

    /** Initializes every block before the head. */
    protected abstract void initializeTrunk(NDManager manager, DataType dataType, Shape input);

    public Backbone architecture() {
        return architecture;
    }

    /** Base width (64 = the paper's network). */
    public int width() {
        return width;
    }

    /** Width of the pooled feature: 512 at the paper's width, 8 x width in general. */
    public int featureDim() {
        return scaled(FEATURE_DIM);
    }

    /** Classes of the linear head; 0 when there is none. */
    public int numClasses() {
        return numClasses;
    }

    /**
     * The feature of a batch of clips, without the head.
     *
     * @param training batch statistics (and running-stat updates) in BatchNorm when true, running stats when false
     */
    public NDArray features(ParameterStore ps, NDArray x, boolean training, FeatureKind kind) {
        checkInput(x.getShape());
        NDArray map = convMap(ps, x, training);
        return switch (kind) {
            case POOLED -> Pool.globalAvgPool3d(map); // N x 512: DJL's global pool drops the spatial axes
            case CONV ->
                Layers.maxPool(map, RETRIEVAL_POOL).reshape(x.getShape().get(0), -1);
        };
    }

    /** Shape of {@link #features} for an input shape: (N, 512) or (N, 512 * T' * H'/2 * W'/2). */
    public Shape featureShape(Shape input, FeatureKind kind) {
        checkInput(input);
        Shape map = convMapShape(input);
        if (kind == FeatureKind.POOLED) {
            return new Shape(input.get(0), featureDim());
        }
        return new Shape(
                input.get(0), Layers.maxPoolShape(map, RETRIEVAL_POOL).slice(1).size());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray pooled = features(ps, inputs.singletonOrThrow(), training, FeatureKind.POOLED);
        return head == null ? new NDList(pooled) : head.forward(ps, new NDList(pooled), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), head == null ? featureDim() : numClasses)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInput(inputShapes[0]);
        initializeTrunk(manager, dataType, inputShapes[0]);
        if (head != null) {
            head.initialize(manager, dataType, new Shape(inputShapes[0].get(0), featureDim()));
        }
    }

    /** Every parameter (running statistics included) by its reference PyTorch state_dict name, in state_dict order. */
    public Map<String, Parameter> torchParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectTorchParameters("", out);
        return Collections.unmodifiableMap(out);
    }

    /** Number of trainable values (what PyTorch's {@code sum(p.numel() for p in model.parameters())} counts). */
    public long trainableParameterCount() {
        long n = 0;
        for (Parameter p : torchParameters().values()) {
            if (p.requiresGradient()) {
                if (p.getShape() == null) {
                    throw new IllegalStateException(
                            "Initialize the " + architecture + " backbone before counting its parameters.");
                }
                n += p.getShape().size();
            }
        }
        return n;
    }

    private void checkInput(Shape s) {
        if (s.dimension() != 5 || s.get(1) != 3) {
            throw new IllegalArgumentException(
                    "The " + architecture + " backbone takes clips N x 3 x T x H x W, got " + s + ".");
        }
    }
}
