package org.vidssl.video.clips;

import java.util.List;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.VideoEntry;

/**
 * Opens clip sources over real videos: frame folders ({@code frame000001.jpg ...}, decoded with
 * OpenCV / libjpeg-turbo) and video files (decoded with FFmpeg by seeking to each clip), mixed
 * freely, plus optional optical-flow frame folders.
 */
public final class ClipSources {

    private ClipSources() {}

    /**
     * A thread-safe clip source over {@code videos}. Nothing is read until a clip is asked for;
     * entries with {@code frameCount == -1} have their frames counted on first use.
     *
     * @param videos   the videos, in the order clip indices refer to
     * @param settings clip length, frame size, crop and flip (validated here)
     * @param flow     roots of the u/v flow folders, or null for RGB only
     */
    public static ClipSource open(List<VideoEntry> videos, ClipSettings settings, FlowFolders flow) {
        settings.validate();
        return new DecodingClipSource(List.copyOf(videos), settings, flow);
    }
}
