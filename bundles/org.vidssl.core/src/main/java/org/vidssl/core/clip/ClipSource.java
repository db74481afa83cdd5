package org.vidssl.core.clip;

import java.util.List;
import org.vidssl.core.dataset.VideoEntry;

/**
 * Random access to the clips of a list of videos, as the paper samples them. Implementations
 * (frame folders, video files, in-memory test data) must be thread-safe: the batch loader calls
 * them from a pool. A clip depends only on (video, seed, epoch), never on call order.
 */
public interface ClipSource extends AutoCloseable {

    /** The videos, in a fixed order; clip methods take an index into this list. */
    List<VideoEntry> videos();

    ClipSettings settings();

    /**
     * One training clip: T consecutive frames from a random start, random crop (the same for all
     * frames and for the flow clips), optional flip; all randomness derived from (seed, epoch, video).
     */
    Clip trainClip(int video, long seed, int epoch);

    /** Evaluation clips: {@code count} centre-cropped clips centred at the reference's positions. */
    List<Clip> testClips(int video, int count);

    @Override
    default void close() {}
}
