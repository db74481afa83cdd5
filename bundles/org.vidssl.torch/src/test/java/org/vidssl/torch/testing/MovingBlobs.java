package org.vidssl.torch.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.VideoEntry;

/**
 * In-memory action clips: a bright square blob moving a fixed step per frame in one of four directions (the class,
 * video index mod 4) over a dark background, wrapping at the borders. Blob and background colours are random per
 * video; training clips start at a position random per (seed, epoch, video), test clips where the subclass says.
 * The fixtures ({@link MovingSquares}, the fine-tuning test's drifting dots) choose sizes, steps and names.
 */
public abstract class MovingBlobs implements ClipSource {

    /** A test clip's start position. */
    @FunctionalInterface
    public interface TestStart {
        /** @return {y0, x0} of clip {@code clip} of video {@code video} */
        int[] of(int video, int clip);
    }

    private final List<VideoEntry> videos = new ArrayList<>();
    private final float[][] colours;
    private final int frames;
    private final int size;
    private final int blob;
    private final int[][] steps;
    private final TestStart testStart;

    /**
     * @param steps       {dy, dx} per frame of the four classes
     * @param brightBase  blob colour channels are {@code brightBase + brightSpan * U[0,1)}
     * @param darkSpan    background channels are {@code darkSpan * U[0,1)}
     * @param entry       the dataset entry of video i
     */
    protected MovingBlobs(
            int count,
            int frames,
            int size,
            long seed,
            int blob,
            int[][] steps,
            float brightBase,
            float brightSpan,
            float darkSpan,
            IntFunction<VideoEntry> entry,
            TestStart testStart) {
        this.frames = frames;
        this.size = size;
        this.blob = blob;
        this.steps = steps;
        this.testStart = testStart;
        this.colours = new float[count][6];
        Random rng = new Random(seed);
        for (int i = 0; i < count; i++) {
            videos.add(entry.apply(i));
            for (int c = 0; c < 6; c++) {
                // bright blob on a dark background: the colour is visible in both RGB and residual views
                colours[i][c] = c < 3 ? brightBase + brightSpan * rng.nextFloat() : darkSpan * rng.nextFloat();
            }
        }
    }

    @Override
    public List<VideoEntry> videos() {
        return videos;
    }

    @Override
    public ClipSettings settings() {
        return new ClipSettings(frames, size, size, size, false, View.RES, IntraNegative.REPEAT, 1);
    }

    @Override
    public Clip trainClip(int video, long seed, int epoch) {
        Random rng = new Random(seed * 1_000_003L + epoch * 7919L + video);
        return render(video, rng.nextInt(size), rng.nextInt(size));
    }

    @Override
    public List<Clip> testClips(int video, int count) {
        List<Clip> clips = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            int[] start = testStart.of(video, c);
            clips.add(render(video, start[0], start[1]));
        }
        return clips;
    }

    private Clip render(int video, int y0, int x0) {
        int[] step = steps[video % 4];
        float[] rgb = new float[3 * frames * size * size];
        for (int t = 0; t < frames; t++) {
            int y = Math.floorMod(y0 + step[0] * t, size);
            int x = Math.floorMod(x0 + step[1] * t, size);
            for (int h = 0; h < size; h++) {
                for (int w = 0; w < size; w++) {
                    boolean inside = Math.floorMod(h - y, size) < blob && Math.floorMod(w - x, size) < blob;
                    for (int c = 0; c < 3; c++) {
                        rgb[((c * frames + t) * size + h) * size + w] = colours[video][inside ? c : 3 + c];
                    }
                }
            }
        }
        return new Clip(rgb, null, null, frames, size, size, false);
    }
}
