package org.vidssl.torch.model;

/**
 * The clip size an encoder was trained on (3 channels, T x H x W). Other sizes still run; this is what
 * embedding extraction uses by default.
 */
public record InputSpec(int frames, int height, int width) {

    /** The paper's 16 x 112 x 112 clips. */
    public static final InputSpec PAPER = new InputSpec(16, 112, 112);

    public InputSpec {
        if (frames < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Input size must be positive, got " + frames + "x" + height + "x" + width + ".");
        }
    }

    @Override
    public String toString() {
        return frames + "x" + height + "x" + width;
    }
}
