package org.vidssl.torch.views;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.vidssl.core.clip.IntraNegative;

/**
 * Intra-negative samples made from view 1, per sample, with the caller's seeded RNG (as gen_neg.py
 * does with Python's {@code random}). Input and output are N x C x T x H x W.
 */
public final class IntraNegatives {

    private IntraNegatives() {}

    /** The intra-negative batch, or null for {@link IntraNegative#NONE}. */
    public static NDArray make(IntraNegative kind, NDArray x, Random rng) {
        if (kind == IntraNegative.NONE) {
            return null;
        }
        long n = x.getShape().get(0);
        int t = (int) x.getShape().get(2);
        NDList samples = new NDList();
        for (int i = 0; i < n; i++) {
            NDArray sample = x.get(i);
            samples.add(
                    switch (kind) {
                        case REPEAT -> gatherTime(sample, repeatOrder(t, rng));
                        case SHUFFLE -> gatherTime(sample, shuffleOrder(t, rng));
                        case SPATIAL -> spatial(sample, spatialOrder(rng));
                        case NONE -> throw new AssertionError();
                    });
        }
        return NDArrays.stack(samples, 0);
    }

    /** repeating: one random frame index repeated T times. */
    static long[] repeatOrder(int t, Random rng) {
        long[] order = new long[t];
        java.util.Arrays.fill(order, rng.nextInt(t));
        return order;
    }

    /**
     * adjacent_shuffle: 4 equal time chunks, chunk ind1 swapped with ind2 = (ind1 + 1..3) mod 4, so the two
     * always differ. Returns the source frame of every output frame.
     */
    static long[] shuffleOrder(int t, Random rng) {
        if (t % 4 != 0) {
            throw new IllegalArgumentException(
                    "Intra-negative 'shuffle' needs a clip length divisible by 4, got " + t + " frames.");
        }
        int[] chunks = {0, 1, 2, 3};
        int ind1 = rng.nextInt(4);
        int ind2 = (ind1 + rng.nextInt(3) + 1) % 4;
        chunks[ind1] = ind2;
        chunks[ind2] = ind1;
        int size = t / 4;
        long[] order = new long[t];
        for (int c = 0; c < 4; c++) {
            for (int k = 0; k < size; k++) {
                order[c * size + k] = (long) chunks[c] * size + k;
            }
        }
        return order;
    }

    /**
     * spatial_permutation: tiles A B / C D; output tile p shows source tile order[p], never the identity.
     * (The reference draws order from {1,2,3,4} and indexes a 4-list with it, an off-by-one; we permute 0..3.)
     */
    static int[] spatialOrder(Random rng) {
        int[] order = {0, 1, 2, 3};
        while (order[0] == 0 && order[1] == 1 && order[2] == 2 && order[3] == 3) {
            for (int i = 3; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        return order;
    }

    /**
     * The sample's frames in {@code order}. The index is cloned into LibTorch's memory: {@code create} shares a
     * Java buffer that a garbage collection may free while autograd still holds the index for the backward pass
     * (the same trap as with scalar operands, see {@code Scalars}).
     */
    private static NDArray gatherTime(NDArray sample, long[] order) {
        NDManager manager = sample.getManager();
        try (NDArray fromJava = manager.create(order);
                NDArray owned = fromJava.duplicate();
                NDArray index = owned.toDevice(sample.getDevice(), false)) {
            return sample.get(":,{}", index);
        }
    }

    private static NDArray spatial(NDArray sample, int[] order) {
        long h = sample.getShape().get(2);
        long w = sample.getShape().get(3);
        if (h % 2 != 0 || w % 2 != 0) {
            throw new IllegalArgumentException("Intra-negative 'spatial' needs an even crop size, got " + h + "x" + w);
        }
        long hm = h / 2;
        long wm = w / 2;
        NDArray[] tiles = {
            sample.get(":,:,:" + hm + ",:" + wm), sample.get(":,:,:" + hm + "," + wm + ":"),
            sample.get(":,:," + hm + ":,:" + wm), sample.get(":,:," + hm + ":," + wm + ":")
        };
        NDArray top = tiles[order[0]].concat(tiles[order[1]], 3);
        NDArray bottom = tiles[order[2]].concat(tiles[order[3]], 3);
        return top.concat(bottom, 2);
    }
}
