package org.vidssl.torch.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;

/**
 * In-memory clips of a square moving in one of 4 directions (the class) over a dark background; square and
 * background colours are random per video, the start position random per (seed, epoch, video).
 */
public final class MovingSquares implements ClipSource {

    private static final int[][] DIRECTIONS = {{0, 3}, {0, -3}, {3, 0}, {-3, 0}};
    public static final int SQUARE = 12;

    private final List<VideoEntry> videos = new ArrayList<>();
    private final float[][] colours;
    private final int frames;
    private final int size;

    public MovingSquares(int count, int frames, int size, long seed) {
        this.frames = frames;
        this.size = size;
        this.colours = new float[count][6];
        Random rng = new Random(seed);
        for (int i = 0; i < count; i++) {
            videos.add(new VideoEntry("square_" + i, "dir" + (i % 4), i % 4, Split.TRAIN, Path.of("mem", "v" + i), frames));
            for (int c = 0; c < 6; c++) {
                // bright square on a dark background: the colour is visible in both RGB and residual views
                colours[i][c] = c < 3 ? 0.2f + 0.8f * rng.nextFloat() : 0.2f * rng.nextFloat();
            }
        }
    }

    @Override public List<VideoEntry> videos() { return videos; }

    @Override public ClipSettings settings() {
        return new ClipSettings(frames, size, size, size, false, View.RES, IntraNegative.REPEAT, 1);
    }

    @Override public Clip trainClip(int video, long seed, int epoch) {
        Random rng = new Random(seed * 1_000_003L + epoch * 7919L + video);
        return render(video, rng.nextInt(size), rng.nextInt(size));
    }

    @Override public List<Clip> testClips(int video, int count) {
        List<Clip> clips = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            clips.add(render(video, size / 2 + c, size / 2));
        }
        return clips;
    }

    private Clip render(int video, int y0, int x0) {
        int[] dir = DIRECTIONS[video % 4];
        float[] rgb = new float[3 * frames * size * size];
        for (int t = 0; t < frames; t++) {
            int y = Math.floorMod(y0 + dir[0] * t, size);
            int x = Math.floorMod(x0 + dir[1] * t, size);
            for (int h = 0; h < size; h++) {
                for (int w = 0; w < size; w++) {
                    boolean inside = Math.floorMod(h - y, size) < SQUARE && Math.floorMod(w - x, size) < SQUARE;
                    for (int c = 0; c < 3; c++) {
                        rgb[((c * frames + t) * size + h) * size + w] = colours[video][inside ? c : 3 + c];
                    }
                }
            }
        }
        return new Clip(rgb, null, null, frames, size, size, false);
    }
}
