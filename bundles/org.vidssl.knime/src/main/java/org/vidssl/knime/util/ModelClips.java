package org.vidssl.knime.util;

import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.View;
import org.vidssl.knime.port.VideoModelPortObjectSpec;

/**
 * Clip settings for the nodes that run a trained network (embedding, fine-tuning, prediction): the geometry the
 * network was trained on (clip length, resize, crop), so it sees its frames at the zoom it learnt them at, with
 * centre crops for evaluation and no intra-negative. The Clip Pipeline node is only for pretraining, where views
 * and intra-negatives matter.
 */
public final class ModelClips {

    private ModelClips() {}

    /**
     * @param model     the connected encoder or classifier
     * @param testClips evaluation clips per video
     * @throws IllegalArgumentException when the network's input is not square (clips are cropped square)
     */
    public static ClipSettings forModel(final VideoModelPortObjectSpec model, final int testClips) {
        return model.input().clipSettings(View.parse(model.modality()), testClips);
    }
}
