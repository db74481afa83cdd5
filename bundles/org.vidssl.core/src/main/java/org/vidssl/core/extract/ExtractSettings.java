package org.vidssl.core.extract;

import java.util.List;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Checks;
import org.vidssl.core.settings.Choices;
import org.vidssl.core.settings.DeviceSpec;
import org.vidssl.core.settings.InvalidSettingsException;
import org.vidssl.core.settings.Setting;
import org.vidssl.core.settings.Settings;

/**
 * Settings of the Embedding Extractor step, as the reference's {@code retrieve_clips.py} extracts:
 * {@code clipsPerVideo} centre-cropped test clips per video, each fed to the encoder as {@code view},
 * the features averaged per video. Defaults are the reference's (10 clips, residual view, the conv
 * retrieval feature, no merge). Each setting is declared here once ({@link Setting}); the KNIME dialog and the
 * CLI options take defaults and validation from here.
 */
public record ExtractSettings(
        @Setting(
                label = "Clips per video",
                description = "Test clips per video whose features are averaged.",
                min = 1,
                max = ExtractSettings.MAX_CLIPS_PER_VIDEO)
        int clipsPerVideo,

        @Setting(
                label = "View",
                description = "What the encoder sees (res: (x - roll(x,1,T) + 1)/2 as the "
                        + "reference's retrieval computes it).")
        View view,

        @Setting(
                label = "Feature",
                description = "Which activation becomes the embedding: conv (the reference's "
                        + "retrieval feature) or pooled.")
        Feature feature,

        @Setting(
                label = "Merge with RGB",
                description = "Concatenate the RGB feature (first) with the view's feature "
                        + "(second), as the reference's --merge True; doubles the dimension.")
        boolean merge,

        @Setting(label = "Per clip", description = "Also return every clip's feature, not only the per-video mean.")
        boolean perClip,

        @Setting(
                label = "Batch size",
                description = "Clips per forward pass; lower it when memory runs out.",
                min = 1,
                max = ExtractSettings.MAX_BATCH_SIZE,
                unit = "clips",
                paper = false,
                note = "lower it when memory runs out")
        int batchSize,

        @Setting(label = "Device", description = DeviceSpec.SYNTAX + ".", paper = false)
        String device,

        @Setting(
                label = "Loader threads",
                description = "Clip loading (decoding) threads.",
                min = 1,
                max = ExtractSettings.MAX_THREADS,
                paper = false)
        int threads) {

    /** Which activation of the encoder becomes the embedding (ids as the torch bundle's FeatureKind). */
    public enum Feature {
        /** global-average-pooled last conv map, 512-d */
        POOLED("pooled"),
        /**
         * last conv map max-pooled (1,2,2) and flattened: the reference's retrieval feature (9,216-d for R3D at
         * 16x112x112)
         */
        CONV("conv");

        private final String id;

        Feature(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Feature parse(String s) {
            for (Feature f : values()) {
                if (f.id.equalsIgnoreCase(s.trim())) {
                    return f;
                }
            }
            throw new InvalidSettingsException("Unknown feature '" + s + "': use pooled or conv");
        }
    }

    public static final int MAX_CLIPS_PER_VIDEO = 100;
    public static final int MAX_BATCH_SIZE = 4096;
    public static final int MAX_THREADS = 64;

    public static final ExtractSettings DEFAULTS =
            new ExtractSettings(10, View.RES, Feature.CONV, false, false, 8, "cpu", 2);

    public ExtractSettings withClipsPerVideo(int n) {
        return new ExtractSettings(n, view, feature, merge, perClip, batchSize, device, threads);
    }

    public ExtractSettings withView(View v) {
        return new ExtractSettings(clipsPerVideo, v, feature, merge, perClip, batchSize, device, threads);
    }

    public ExtractSettings withFeature(Feature f) {
        return new ExtractSettings(clipsPerVideo, view, f, merge, perClip, batchSize, device, threads);
    }

    public ExtractSettings withMerge(boolean m) {
        return new ExtractSettings(clipsPerVideo, view, feature, m, perClip, batchSize, device, threads);
    }

    public ExtractSettings withPerClip(boolean p) {
        return new ExtractSettings(clipsPerVideo, view, feature, merge, p, batchSize, device, threads);
    }

    public ExtractSettings withBatchSize(int b) {
        return new ExtractSettings(clipsPerVideo, view, feature, merge, perClip, b, device, threads);
    }

    public ExtractSettings withDevice(String d) {
        return new ExtractSettings(clipsPerVideo, view, feature, merge, perClip, batchSize, d, threads);
    }

    public ExtractSettings withThreads(int t) {
        return new ExtractSettings(clipsPerVideo, view, feature, merge, perClip, batchSize, device, t);
    }

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = Settings.rangeProblems(this);
        Choices.required(p, View.class, "View", view);
        if (feature == null) {
            p.add("Feature is not set: use conv (the paper's retrieval feature) or pooled.");
        }
        if (merge && view == View.RGB) {
            p.add("Merge concatenates the RGB feature with the view's feature; with view rgb it would repeat the same"
                    + " feature: choose view res, u or v, or turn merge off.");
        }
        DeviceSpec.check(p, device);
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public ExtractSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }

    /** Clip forward passes per clip: two when merging (RGB and the view), otherwise one. */
    public int passesPerClip() {
        return merge ? 2 : 1;
    }
}
