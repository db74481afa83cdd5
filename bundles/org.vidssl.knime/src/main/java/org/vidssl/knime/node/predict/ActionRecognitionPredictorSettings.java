package org.vidssl.knime.node.predict;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.knime.util.Devices;

/** Dialog of the Action Recognition Predictor. */
public final class ActionRecognitionPredictorSettings implements NodeParameters {

    @Widget(title = "Clips per video", description = "Centre-cropped clips spread over each video whose logits are "
        + "averaged (the paper: 10).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_clipsPerVideo = ClipSettings.DEFAULTS.testClips();

    @Widget(title = "Append class probabilities", description = "Add one column 'P (class)' per class with the "
        + "softmax probability.")
    boolean m_appendProbabilities = false;

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
