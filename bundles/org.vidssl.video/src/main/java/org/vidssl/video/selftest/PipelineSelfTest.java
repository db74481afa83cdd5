package org.vidssl.video.selftest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.decode.ExtractionResult;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.decode.FrameExtractor;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;

/**
 * The first pipeline steps through this bundle's public API, callable from outside the bundle (the OSGi
 * integration test hands the results to the torch bundle, as a KNIME workflow hands tables between nodes):
 * generate a tiny synthetic dataset, read its split files, decode every video into a frame folder, and open a clip
 * source over the frame folders.
 */
public final class PipelineSelfTest {

    private PipelineSelfTest() {}

    /**
     * Generates {@code classes x videosPerClass} synthetic videos of {@code frames} frames ({@code size x size}) under
     * {@code folder/synthetic}, reads them as a UCF101-style dataset and decodes them with {@link FrameExtractor}
     * into {@code folder/frames}.
     *
     * @return the videos (train and test) pointing at their frame folders
     * @throws IllegalStateException when a video could not be decoded, naming it
     */
    public static List<VideoEntry> decodeSyntheticVideos(
            Path folder, int classes, int videosPerClass, int frames, int size) throws IOException {
        SyntheticSettings synthetic = new SyntheticSettings(
                classes, videosPerClass, frames, size, size, SyntheticSettings.Container.MP4, 0.5, 7);
        Path root = SyntheticMotionDataset.generate(synthetic, folder.resolve("synthetic"), Progress.NONE);
        VideoDataset dataset = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), Progress.NONE);
        List<ExtractionResult> results = new FrameExtractor(new FrameExtractionSettings(size, size, 90, 2))
                .extract(dataset.videos(), folder.resolve("frames"), Progress.NONE);
        List<VideoEntry> decoded = new ArrayList<>();
        for (ExtractionResult result : results) {
            if (!result.ok()) {
                throw new IllegalStateException("Frame extraction failed inside the bundle: " + result.error());
            }
            decoded.add(result.asFrameFolderEntry());
        }
        return decoded;
    }

    /** A clip source over {@code videos} with {@code clipLength}-frame clips, centre/random {@code crop} crops. */
    public static ClipSource clipSource(List<VideoEntry> videos, int clipLength, int size, int crop) {
        return ClipSources.open(
                videos, new ClipSettings(clipLength, size, size, crop, false, View.RES, IntraNegative.REPEAT, 2), null);
    }
}
