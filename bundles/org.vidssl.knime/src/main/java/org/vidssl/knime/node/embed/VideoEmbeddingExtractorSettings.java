package org.vidssl.knime.node.embed;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.clip.View;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.knime.util.Devices;
import org.vidssl.knime.util.Problems;

/** Dialog of the Video Embedding Extractor; defaults and validation come from {@link ExtractSettings}. */
public final class VideoEmbeddingExtractorSettings implements NodeParameters {

    private static final ExtractSettings DEFAULTS = ExtractSettings.DEFAULTS;

    /** Which input the encoder sees; the names are those of {@link View}. */
    enum ViewChoice {
        @Label(value = "RGB", description = "The RGB clips.")
        RGB,
        @Label(
                value = "Residual",
                description = "Frame residuals (x - roll(x, 1) + 1) / 2, as the reference's "
                        + "retrieval computes them (the paper's best retrieval input for R3D).")
        RES
    }

    /** Which activation is the embedding; the names are those of {@link ExtractSettings.Feature}. */
    enum FeatureChoice {
        @Label(
                value = "Retrieval (conv)",
                description = "The last convolution map max-pooled (1,2,2) and "
                        + "flattened, as the reference's retrieval uses (e.g. 9,216 values for R3D at 16x112x112).")
        CONV,
        @Label(
                value = "Pooled",
                description = "The globally average-pooled feature (512 values for the paper's " + "networks).")
        POOLED
    }

    @Widget(title = "View", description = "What the encoder is fed.")
    @ValueSwitchWidget
    ViewChoice m_view = ViewChoice.valueOf(DEFAULTS.view().name());

    @Widget(
            title = "Merge with RGB",
            description = "Concatenate the RGB feature (first) with the residual feature "
                    + "(second), as the reference's --merge; doubles the length. Needs the residual view.")
    boolean m_merge = DEFAULTS.merge();

    @Widget(title = "Feature", description = "Which activation becomes the embedding.")
    @ValueSwitchWidget
    FeatureChoice m_feature = FeatureChoice.valueOf(DEFAULTS.feature().name());

    @Widget(
            title = "Clips per video",
            description = "Centre-cropped clips spread evenly over each video, 1 to "
                    + "100; their features are averaged (the paper: 10).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_clipsPerVideo = DEFAULTS.clipsPerVideo();

    @Widget(title = "Batch size", description = "Clips per forward pass; lower it if memory runs out.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_batchSize = DEFAULTS.batchSize();

    @Widget(title = "Device", description = Devices.DESCRIPTION)
    String m_device = DEFAULTS.device();

    @Widget(
            title = "Loader threads",
            description = "Threads decoding clips ahead of the encoder, 1 to 64.",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_loaderThreads = DEFAULTS.threads();

    /** The engine's settings for these dialog values (not validated); one vector per video. */
    ExtractSettings toExtractSettings() {
        return new ExtractSettings(
                m_clipsPerVideo,
                View.valueOf(m_view.name()),
                ExtractSettings.Feature.valueOf(m_feature.name()),
                m_merge,
                false,
                m_batchSize,
                m_device,
                m_loaderThreads);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        Devices.check(m_device);
        Problems.check(toExtractSettings().problems());
    }
}
