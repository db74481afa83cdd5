package org.vidssl.torch.backbone;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;
import org.vidssl.core.settings.Backbone;

/**
 * Builds the backbones of core's {@link Backbone} list. The switch in {@link #create(Backbone, int, int)} has no
 * default branch, so a new list entry does not compile until it names its network here.
 */
public final class Backbones {

    private Backbones() {}

    /** The backbone without a head: output N x 512. */
    public static VideoBackbone create(Backbone backbone) {
        return create(backbone, 0);
    }

    /**
     * The backbone, with a linear head to {@code numClasses} logits when positive (the reference's
     * {@code with_classifier}). Weights use PyTorch's default conv/linear initialisation (uniform
     * +-1/sqrt(fan_in)); call {@link #initialize} or {@code block.initialize} before use.
     */
    public static VideoBackbone create(Backbone backbone, int numClasses) {
        return create(backbone, numClasses, VideoBackbone.PAPER_WIDTH);
    }

    /**
     * As {@link #create(Backbone, int)} at another base width: every layer's channels scale by
     * {@code width / 64}, so 64 is the paper's network and 16 a quarter-width one (16/32/64/128 channels
     * in R3D's stages, a 128-d feature) that trains in minutes on a CPU.
     */
    public static VideoBackbone create(Backbone backbone, int numClasses, int width) {
        checkWidth(width);
        VideoBackbone b = switch (backbone) {
            case C3D -> new C3D(numClasses, width);
            case R3D -> new VideoResNet(backbone, new int[] {1, 1, 1, 1}, false, numClasses, width);
            case R21D -> new VideoResNet(backbone, new int[] {1, 1, 1, 1}, true, numClasses, width);
            case R3D18 -> new VideoResNet(backbone, new int[] {2, 2, 2, 2}, false, numClasses, width);
        };
        // kaiming_uniform(a = sqrt 5), PyTorch's default, is uniform +-1/sqrt(fan_in): Xavier "in" with magnitude 1
        b.setInitializer(new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 1f), Parameter.Type.WEIGHT);
        return b;
    }

    /** Smallest and largest base width accepted. */
    public static final int MIN_WIDTH = 4;

    public static final int MAX_WIDTH = 256;

    static void checkWidth(int width) {
        if (width < MIN_WIDTH || width > MAX_WIDTH) {
            throw new IllegalArgumentException("Backbone width is " + width + ": use " + MIN_WIDTH + " to " + MAX_WIDTH
                    + " (64 is the paper's network).");
        }
    }

    /** Allocates the parameters in {@code manager} (float32); the clip size only matters for shape checks. */
    public static VideoBackbone initialize(
            VideoBackbone backbone, NDManager manager, int frames, int height, int width) {
        backbone.initialize(manager, DataType.FLOAT32, new Shape(1, 3, frames, height, width));
        return backbone;
    }
}
