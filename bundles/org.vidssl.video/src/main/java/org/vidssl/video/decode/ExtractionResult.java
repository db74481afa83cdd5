package org.vidssl.video.decode;

import java.nio.file.Path;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.video.clips.FlowFolders;

/**
 * What happened to one video of a {@link FrameExtractor#extract} call.
 *
 * @param video       the video as given
 * @param frameFolder the folder of frames, null when extraction failed
 * @param frameCount  frames in the folder, 0 when extraction failed; flow folders hold one frame fewer
 * @param skipped     true when every folder existed already and nothing was decoded again
 * @param error       why extraction failed (naming the file), null when it succeeded
 * @param flow        this video's u and v flow folders, null when no flow was asked for or extraction failed
 */
public record ExtractionResult(
        VideoEntry video, Path frameFolder, int frameCount, boolean skipped, String error, FlowFolders flow) {

    public boolean ok() {
        return error == null;
    }

    /** The video entry pointing at its frame folder (for the dataset table); only for successful results. */
    public VideoEntry asFrameFolderEntry() {
        if (!ok()) {
            throw new IllegalStateException("Video " + video.videoId() + " has no frame folder: " + error);
        }
        return video.withSource(frameFolder, frameCount);
    }

    static ExtractionResult failed(VideoEntry video, String error) {
        return new ExtractionResult(video, null, 0, false, error, null);
    }

    ExtractionResult withFlow(FlowFolders folders, boolean nothingDecoded) {
        return new ExtractionResult(video, frameFolder, frameCount, skipped && nothingDecoded, error, folders);
    }
}
