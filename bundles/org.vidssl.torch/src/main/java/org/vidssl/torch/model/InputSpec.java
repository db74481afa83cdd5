package org.vidssl.torch.model;

import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;

/**
 * The input geometry a network was trained on: clips of {@code frames} frames, each frame resized to
 * {@code resizeHeight x resizeWidth} and cropped to {@code height x width} (3 channels). Other sizes still run;
 * the nodes and commands that run a trained network cut their clips this way, so a network sees its frames at the
 * zoom it learnt them at.
 *
 * @param frames       clip length T
 * @param height       crop height (the network's input height)
 * @param width        crop width (the network's input width)
 * @param resizeHeight height the frames were resized to before cropping
 * @param resizeWidth  width the frames were resized to before cropping
 */
public record InputSpec(int frames, int height, int width, int resizeHeight, int resizeWidth) {

    /** The paper's 16 x 112 x 112 clips cut from frames resized to 128 x 171. */
    public static final InputSpec PAPER = new InputSpec(16, 112, 112);

    public InputSpec {
        if (frames < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "Input size must be positive, got " + frames + "x" + height + "x" + width + ".");
        }
        if (resizeHeight < height || resizeWidth < width) {
            throw new IllegalArgumentException("Frames resized to " + resizeHeight + "x" + resizeWidth
                    + " cannot be cropped to " + height + "x" + width + ": the resize must be at least the crop.");
        }
    }

    /**
     * An input whose training resize is unknown (weights imported from PyTorch, model files written before the resize
     * was recorded): the paper's resize (128 x 171), grown to the crop where the crop is larger. That is what this tool
     * always used for such networks, so they keep behaving as before.
     */
    public InputSpec(int frames, int height, int width) {
        this(
                frames,
                height,
                width,
                Math.max(ClipSettings.DEFAULTS.resizeHeight(), height),
                Math.max(ClipSettings.DEFAULTS.resizeWidth(), width));
    }

    /** The input of clips cut with {@code clips}: their length, square crop and resize. */
    public static InputSpec of(ClipSettings clips) {
        return new InputSpec(
                clips.clipLength(), clips.cropSize(), clips.cropSize(), clips.resizeHeight(), clips.resizeWidth());
    }

    /**
     * Clip settings that feed this network as it was trained: its clip length, resize and crop (centre crops in
     * evaluation), no flip and no intra-negative.
     *
     * @param view      the view the clips are for (recorded in the settings; the network's modality)
     * @param testClips evaluation clips per video
     * @throws IllegalArgumentException when the input is not square (clips are cropped square)
     */
    public ClipSettings clipSettings(View view, int testClips) {
        if (height != width) {
            throw new IllegalArgumentException("The network expects " + height + "x" + width + " inputs; clips are"
                    + " cropped square. Use a network trained on square crops.");
        }
        return new ClipSettings(frames, resizeHeight, resizeWidth, height, false, view, IntraNegative.NONE, testClips);
    }

    @Override
    public String toString() {
        return frames + "x" + height + "x" + width + " from " + resizeHeight + "x" + resizeWidth;
    }
}
