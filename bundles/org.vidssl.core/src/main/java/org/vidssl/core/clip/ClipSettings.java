package org.vidssl.core.clip;

import java.util.ArrayList;
import java.util.List;

import org.vidssl.core.settings.Checks;

/**
 * Settings of the Clip Pipeline step: how clips are cut, cropped and which view / intra-negative
 * training uses. Defaults are the paper's. The KNIME dialog, the CLI options and the workflows take
 * defaults and validation from here.
 *
 * @param clipLength    frames per clip (T), reference 16
 * @param resizeHeight  frames are resized to this height first, reference 128
 * @param resizeWidth   frames are resized to this width first, reference 171
 * @param cropSize      square crop (random for training, centre for test), reference 112
 * @param flip          random horizontal flip for training (off in the paper)
 * @param view2         the second view, reference {@code res}
 * @param intraNegative the intra-negative, reference {@code repeat}
 * @param testClips     clips per video for retrieval and testing, reference 10
 */
public record ClipSettings(int clipLength, int resizeHeight, int resizeWidth, int cropSize, boolean flip,
        View view2, IntraNegative intraNegative, int testClips) {

    public static final ClipSettings DEFAULTS = new ClipSettings(16, 128, 171, 112, false, View.RES, IntraNegative.REPEAT, 10);

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        Checks.clipLength(p, clipLength);
        if (resizeHeight < 8 || resizeWidth < 8) {
            p.add("Resize size " + resizeHeight + "x" + resizeWidth + " is too small: use at least 8x8 (the paper uses 128x171).");
        }
        if (cropSize < 8 || cropSize > Math.min(resizeHeight, resizeWidth)) {
            p.add("Crop size " + cropSize + " must be between 8 and the smaller resize side (" + Math.min(resizeHeight, resizeWidth) + ").");
        }
        if (intraNegative == IntraNegative.SHUFFLE && clipLength < 4) {
            p.add("Intra-negative 'shuffle' cuts the clip into 4 chunks: use a clip length of at least 4.");
        }
        Checks.testClips(p, testClips);
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public ClipSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }
}
