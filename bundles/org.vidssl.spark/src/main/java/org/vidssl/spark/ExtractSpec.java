package org.vidssl.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.video.clips.FlowFolders;

/**
 * Everything an executor needs to embed its videos, in a form Spark can ship (the engine's settings records
 * are not serialisable): the extraction settings and the clip geometry, as {@code vidssl extract} sets them.
 *
 * @param clipsPerVideo clips per video, averaged
 * @param view          a {@code View} id
 * @param feature       feature id (conv, pooled)
 * @param merge         concatenate the RGB feature and the view feature
 * @param batchSize     clips per forward pass
 * @param device        a {@code DeviceSpec} (cpu, gpu, gpu:N) for every executor
 * @param threads       clip-decoding threads per task and PyTorch intra-op threads per executor
 * @param clipLength    frames per clip
 * @param resizeHeight  frames are resized to this height first
 * @param resizeWidth   and to this width
 * @param crop          centre crop side
 * @param flowRoot      optical-flow root with u/ and v/ (every executor must see it), or null
 */
public record ExtractSpec(
        int clipsPerVideo,
        String view,
        String feature,
        boolean merge,
        int batchSize,
        String device,
        int threads,
        int clipLength,
        int resizeHeight,
        int resizeWidth,
        int crop,
        String flowRoot)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The engine's extraction settings (validated). */
    public ExtractSettings extractSettings() {
        return new ExtractSettings(
                        clipsPerVideo,
                        View.parse(view),
                        ExtractSettings.Feature.parse(feature),
                        merge,
                        false,
                        batchSize,
                        device,
                        threads)
                .validate();
    }

    /** The clip settings of {@code vidssl extract}: the view as view 2, no intra-negative (validated). */
    public ClipSettings clipSettings() {
        return new ClipSettings(
                        clipLength,
                        resizeHeight,
                        resizeWidth,
                        crop,
                        false,
                        View.parse(view),
                        IntraNegative.NONE,
                        clipsPerVideo)
                .validate();
    }

    /** The flow folders, or null when the view needs none. */
    public FlowFolders flowFolders() {
        if (!View.parse(view).needsFlow()) {
            return null;
        }
        if (flowRoot == null) {
            throw new IllegalArgumentException("View '" + view
                    + "' needs optical flow: give --flow DIR (a folder with u/ and v/ "
                    + "that every executor can read).");
        }
        return FlowFolders.under(Path.of(flowRoot));
    }

    /** Checks every setting on the driver, before any task starts. */
    public ExtractSpec validate() {
        extractSettings();
        clipSettings();
        return this;
    }
}
