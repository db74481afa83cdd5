package org.vidssl.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;

/** Random clips from memory, so a benchmark times the training step and not decoding. */
public final class RandomClips implements ClipSource {

    private final List<VideoEntry> videos = new ArrayList<>();
    private final int frames;
    private final int size;

    public RandomClips(int count, int frames, int size) {
        this.frames = frames;
        this.size = size;
        for (int i = 0; i < count; i++) {
            videos.add(new VideoEntry("random_" + i, "random", 0, Split.TRAIN, Path.of("random_" + i), frames));
        }
    }

    @Override
    public List<VideoEntry> videos() {
        return videos;
    }

    @Override
    public ClipSettings settings() {
        return new ClipSettings(
                frames,
                size,
                size,
                size,
                false,
                ClipSettings.DEFAULTS.view2(),
                ClipSettings.DEFAULTS.intraNegative(),
                1);
    }

    @Override
    public Clip trainClip(int video, long seed, int epoch) {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + 31L * epoch + video);
        float[] rgb = new float[Clip.CHANNELS * frames * size * size];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (float) rng.nextDouble();
        }
        return new Clip(rgb, null, null, frames, size, size, false);
    }

    @Override
    public List<Clip> testClips(int video, int count) {
        List<Clip> clips = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            clips.add(trainClip(video, c, 0));
        }
        return clips;
    }
}
