package org.vidssl.knime.node.embed;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.knime.util.Devices;

/** Dialog of the Video Embedding Extractor. */
public final class VideoEmbeddingExtractorSettings implements NodeParameters {

    /** Which input the encoder sees. */
    enum InputChoice {
        @Label(value = "RGB", description = "The RGB clips.")
        RGB,
        @Label(value = "Residual", description = "Frame residuals (the paper's best retrieval input for R3D).")
        RES,
        @Label(value = "Both (merge)", description = "RGB and residual features concatenated (the reference's "
            + "--merge).")
        MERGE
    }

    /** Which activation is the embedding. */
    enum FeatureChoice {
        @Label(value = "Retrieval (conv)", description = "The last convolution map max-pooled (1,2,2) and "
            + "flattened, as the reference's retrieval uses (e.g. 9,216 values for R3D at 112x112).")
        CONV,
        @Label(value = "Pooled (512)", description = "The 512-d globally average-pooled feature.")
        POOLED
    }

    @Widget(title = "Input", description = "What the encoder is fed.")
    @ValueSwitchWidget
    InputChoice m_input = InputChoice.RES;

    @Widget(title = "Feature", description = "Which activation becomes the embedding.")
    @ValueSwitchWidget
    FeatureChoice m_feature = FeatureChoice.CONV;

    @Widget(title = "Clips per video", description = "Centre-cropped clips spread evenly over each video; their "
        + "features are averaged (the paper: 10).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_clipsPerVideo = ClipSettings.DEFAULTS.testClips();

    @Widget(title = "Batch size", description = "Clips per forward pass; lower it if memory runs out.",
        advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_batchSize = 8;

    @Widget(title = "Device", description = Devices.DESCRIPTION)
    String m_device = Devices.DEFAULT;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_clipsPerVideo < 1 || m_clipsPerVideo > 100) {
            throw new InvalidSettingsException("Clips per video is " + m_clipsPerVideo + ": use 1 to 100.");
        }
        if (m_batchSize < 1) {
            throw new InvalidSettingsException("Batch size is " + m_batchSize + ": use at least 1.");
        }
        Devices.check(m_device);
    }
}
