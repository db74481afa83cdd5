package org.vidssl.torch.testing;

import java.nio.file.Path;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;

/**
 * In-memory clips of a square moving in one of 4 directions (the class) over a dark background; square and
 * background colours are random per video, the start position random per (seed, epoch, video).
 */
public final class MovingSquares extends MovingBlobs {

    private static final int[][] DIRECTIONS = {{0, 3}, {0, -3}, {3, 0}, {-3, 0}};
    public static final int SQUARE = 12;

    public MovingSquares(int count, int frames, int size, long seed) {
        super(
                count,
                frames,
                size,
                seed,
                SQUARE,
                DIRECTIONS,
                0.2f,
                0.8f,
                0.2f,
                i -> new VideoEntry(
                        "square_" + i, "dir" + (i % 4), i % 4, Split.TRAIN, Path.of("mem", "v" + i), frames),
                (video, clip) -> new int[] {size / 2 + clip, size / 2});
    }
}
