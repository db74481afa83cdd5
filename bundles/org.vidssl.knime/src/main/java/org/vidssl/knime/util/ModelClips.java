package org.vidssl.knime.util;

import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;

/**
 * Clip settings for the nodes that run a trained network (embedding, fine-tuning, prediction): the network's
 * clip length and crop size, the paper's resize, no intra-negative. The Clip Pipeline node is only for
 * pretraining, where views and intra-negatives matter.
 */
public final class ModelClips {

    private ModelClips() {
    }

    /**
     * @param clipLength frames per clip the network expects
     * @param cropSize   side of the square input the network expects
     * @param testClips  evaluation clips per video
     */
    public static ClipSettings forModel(final int clipLength, final int cropSize, final int testClips) {
        ClipSettings d = ClipSettings.DEFAULTS;
        // a network trained on larger crops than the paper's resize gets frames resized to at least its crop
        return new ClipSettings(clipLength, Math.max(d.resizeHeight(), cropSize), Math.max(d.resizeWidth(), cropSize),
            cropSize, false, d.view2(), IntraNegative.NONE, testClips);
    }
}
