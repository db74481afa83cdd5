package org.vidssl.torch.finetune;

import java.nio.file.Path;
import java.util.List;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.torch.testing.MovingBlobs;

/**
 * In-memory action videos small enough to fine-tune a full R3D on in seconds: a bright 4x4 dot drifting 2 pixels
 * per frame in one of four directions (the class) over a dark background, colours random per video, the start
 * position random per (seed, epoch, video) for training clips and fixed per clip index for test clips.
 * Class names are {@code up, down, left, right}; {@code offset} shifts the random colours so two instances
 * with different offsets are different videos.
 */
final class DriftingDots extends MovingBlobs {

    static final List<String> CLASSES = List.of("up", "down", "left", "right");
    private static final int[][] STEPS = {{-2, 0}, {2, 0}, {0, -2}, {0, 2}};
    private static final int DOT = 4;

    DriftingDots(int count, int frames, int size, long seed) {
        super(
                count,
                frames,
                size,
                seed,
                DOT,
                STEPS,
                0.5f,
                0.5f,
                0.3f,
                i -> new VideoEntry(
                        "dots_" + seed + "_" + i,
                        CLASSES.get(i % 4),
                        i % 4,
                        Split.TRAIN,
                        Path.of("mem", "dots" + i),
                        frames),
                (video, clip) -> new int[] {(3 * clip + video) % size, (5 * clip + 2 * video) % size});
    }
}
