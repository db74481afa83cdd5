package org.vidssl.knime.util;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.views.IntraNegatives;
import org.vidssl.torch.views.Views;

/**
 * What pretraining contrasts for one clip, as PNG film strips: the RGB clip (view 1), its second view and its
 * intra-negative, made by the same tensor code the IIC Pretrainer runs, so the preview cannot drift from it.
 */
public final class ClipPreview {

    /**
     * PNG film strips of one clip.
     *
     * @param clip          the RGB clip
     * @param view2         the second view; null when it needs optical flow the clip does not have
     * @param intraNegative the intra-negative; null for {@link IntraNegative#NONE}
     */
    public record Strips(byte[] clip, byte[] view2, byte[] intraNegative) {}

    private ClipPreview() {}

    /**
     * Renders a clip, its second view and its intra-negative.
     *
     * @param seed seed of the intra-negative's random choice (frame, chunks or tiles)
     */
    public static Strips render(final Clip clip, final View view, final IntraNegative negative, final long seed) {
        int t = clip.length();
        int h = clip.height();
        int w = clip.width();
        Shape shape = new Shape(1, Clip.CHANNELS, t, h, w);
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            NDArray rgb = manager.create(clip.rgb(), shape);
            NDArray flowU = clip.flowU() == null ? null : manager.create(clip.flowU(), shape);
            NDArray flowV = clip.flowV() == null ? null : manager.create(clip.flowV(), shape);
            boolean flowMissing = (view == View.U && flowU == null) || (view == View.V && flowV == null);
            byte[] second = flowMissing ? null : strip(Views.view2(view, rgb, flowU, flowV), t, h, w);
            NDArray intra = IntraNegatives.make(negative, rgb, new Random(seed));
            return new Strips(ClipImages.rgbPng(clip), second, intra == null ? null : strip(intra, t, h, w));
        }
    }

    private static byte[] strip(final NDArray batch, final int t, final int h, final int w) {
        return ClipImages.png(ClipImages.filmStrip(batch.toFloatArray(), t, h, w));
    }
}
