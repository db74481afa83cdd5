package org.vidssl.torch.views;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Random colour change per sample of an N x 3 x T x H x W batch in [0,1], the same for every frame of a clip:
 * a channel permutation, then contrast and brightness. An extension for pretraining (not in the paper): applied
 * independently to the two views, object colour no longer identifies a positive pair.
 */
public final class ColourJitter {

    private static final int[][] PERMUTATIONS = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

    private ColourJitter() {}

    public static NDArray apply(NDArray x, Random rng) {
        Shape shape = x.getShape();
        int n = (int) shape.get(0);
        int channels = (int) shape.get(1);
        if (channels != 3) {
            throw new IllegalArgumentException("Colour jitter needs 3-channel clips, got shape " + shape + ".");
        }
        float[] mixing = new float[n * 9];
        float[] contrast = new float[n];
        float[] brightness = new float[n];
        for (int i = 0; i < n; i++) {
            int[] p = PERMUTATIONS[rng.nextInt(PERMUTATIONS.length)];
            for (int c = 0; c < 3; c++) {
                mixing[i * 9 + c * 3 + p[c]] = 1; // output channel c takes input channel p[c]
            }
            contrast[i] = 0.6f + 0.8f * rng.nextFloat();
            brightness[i] = -0.2f + 0.4f * rng.nextFloat();
        }
        NDManager m = x.getManager();
        NDArray flat = x.reshape(n, channels, -1);
        NDArray permuted = m.create(mixing, new Shape(n, 3, 3))
                .toDevice(x.getDevice(), false)
                .matMul(flat);
        NDArray mean = permuted.reshape(n, -1).mean(new int[] {1}, true).reshape(n, 1, 1);
        NDArray c = m.create(contrast, new Shape(n, 1, 1)).toDevice(x.getDevice(), false);
        NDArray b = m.create(brightness, new Shape(n, 1, 1)).toDevice(x.getDevice(), false);
        return permuted.sub(mean).mul(c).add(mean).add(b).clip(0f, 1f).reshape(shape);
    }
}
