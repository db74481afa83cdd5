package org.vidssl.torch.finetune;

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
 * In-memory action videos small enough to fine-tune a full R3D on in seconds: a bright 4x4 dot drifting 2 pixels
 * per frame in one of four directions (the class) over a dark background, colours random per video, the start
 * position random per (seed, epoch, video) for training clips and fixed per clip index for test clips.
 * Class names are {@code up, down, left, right}; {@code offset} shifts the random colours so two instances
 * with different offsets are different videos.
 */
final class DriftingDots implements ClipSource {

    static final List<String> CLASSES = List.of("up", "down", "left", "right");
    private static final int[][] STEPS = {{-2, 0}, {2, 0}, {0, -2}, {0, 2}};
    private static final int DOT = 4;

    private final List<VideoEntry> videos = new ArrayList<>();
    private final float[][] colours;
    private final int frames;
    private final int size;

    DriftingDots(int count, int frames, int size, long seed) {
        this.frames = frames;
        this.size = size;
        this.colours = new float[count][6];
        Random rng = new Random(seed);
        for (int i = 0; i < count; i++) {
            videos.add(new VideoEntry("dots_" + seed + "_" + i, CLASSES.get(i % 4), i % 4, Split.TRAIN,
                    Path.of("mem", "dots" + i), frames));
            for (int c = 0; c < 6; c++) {
                colours[i][c] = c < 3 ? 0.5f + 0.5f * rng.nextFloat() : 0.3f * rng.nextFloat();
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
            clips.add(render(video, (3 * c + video) % size, (5 * c + 2 * video) % size));
        }
        return clips;
    }

    private Clip render(int video, int y0, int x0) {
        int[] step = STEPS[video % 4];
        float[] rgb = new float[3 * frames * size * size];
        for (int t = 0; t < frames; t++) {
            int y = Math.floorMod(y0 + step[0] * t, size);
            int x = Math.floorMod(x0 + step[1] * t, size);
            for (int h = 0; h < size; h++) {
                for (int w = 0; w < size; w++) {
                    boolean inside = Math.floorMod(h - y, size) < DOT && Math.floorMod(w - x, size) < DOT;
                    for (int c = 0; c < 3; c++) {
                        rgb[((c * frames + t) * size + h) * size + w] = colours[video][inside ? c : 3 + c];
                    }
                }
            }
        }
        return new Clip(rgb, null, null, frames, size, size, false);
    }
}
