package org.vidssl.core.clip;

import java.util.List;
import org.vidssl.core.settings.Checks;
import org.vidssl.core.settings.Setting;
import org.vidssl.core.settings.Settings;

/**
 * Settings of the Clip Pipeline step: how clips are cut, cropped and which view / intra-negative
 * training uses. Defaults are the paper's. Each setting is declared here once ({@link Setting}); the KNIME
 * dialog, the CLI options and the workflows take defaults and validation from here.
 */
public record ClipSettings(
        @Setting(label = "Clip length", description = "Frames per clip (T).", min = 1, max = 256, unit = "frames")
        int clipLength,

        @Setting(label = "Resize height", description = "Frames are resized to this height first.", min = 8, max = 4096)
        int resizeHeight,

        @Setting(label = "Resize width", description = "Frames are resized to this width first.", min = 8, max = 4096)
        int resizeWidth,

        @Setting(
                label = "Crop size",
                description = "Side of the square crop (random for training, centre for " + "test).",
                min = 8,
                max = 1024)
        int cropSize,

        @Setting(
                label = "Random horizontal flip",
                description = "Random horizontal flip for training (off in the " + "paper).")
        boolean flip,

        @Setting(label = "Second view", description = "The second view, contrasted with the RGB clip.")
        View view2,

        @Setting(label = "Intra-negative", description = "The negative made from the clip itself.")
        IntraNegative intraNegative,

        @Setting(
                label = "Test clips per video",
                description = "Clips per video for retrieval and testing.",
                min = 1,
                max = 100)
        int testClips) {

    public static final ClipSettings DEFAULTS =
            new ClipSettings(16, 128, 171, 112, false, View.RES, IntraNegative.REPEAT, 10);

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = Settings.rangeProblems(this);
        if (cropSize > Math.min(resizeHeight, resizeWidth)) {
            p.add("Crop size " + cropSize + " must not exceed the smaller resize side ("
                    + Math.min(resizeHeight, resizeWidth) + ").");
        }
        if (intraNegative == IntraNegative.SHUFFLE && clipLength < 4) {
            p.add("Intra-negative 'shuffle' cuts the clip into 4 chunks: use a clip length of at least 4.");
        }
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public ClipSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }
}
