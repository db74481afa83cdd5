package org.vidssl.knime.node.predict;

import java.util.Map;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.settings.Records;
import org.vidssl.knime.util.Devices;
import org.vidssl.knime.util.Problems;

/**
 * Dialog of the Action Recognition Predictor; defaults and ranges are those of the prediction part of
 * {@link FinetuneSettings} (test clips, batch size, device, loader threads).
 */
public final class ActionRecognitionPredictorSettings implements NodeParameters {

    private static final FinetuneSettings DEFAULTS = FinetuneSettings.DEFAULTS;

    /** The engine's names of settings whose dialog title differs. */
    static final Map<String, String> TITLES =
            Map.of("Test clips per video", "Clips per video", "Threads", "Loader threads");

    @Widget(
            title = "Clips per video",
            description = "Centre-cropped clips spread over each video whose outputs "
                    + "are averaged, 1 to 100 (the paper: 10).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_clipsPerVideo = DEFAULTS.testClips();

    @Widget(
            title = "Append class probabilities",
            description = "Add one column 'P (class)' per class with the "
                    + "softmax probability of the averaged output (for ROC curves and KNIME's Scorer nodes).")
    boolean m_appendProbabilities = true;

    @Widget(
            title = "Batch size",
            description = "Clips per forward pass (whole videos stay together); lower it if " + "memory runs out.",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_batchSize = DEFAULTS.batchSize();

    @Widget(title = "Device", description = Devices.DESCRIPTION)
    String m_device = DEFAULTS.device();

    @Widget(
            title = "Loader threads",
            description = "Threads decoding clips ahead of the network, up to 256; "
                    + "0 = one per processor core of the machine that runs the workflow.",
            advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    int m_loaderThreads = DEFAULTS.threads();

    /** The fine-tuning settings record with these prediction values, whose problems() validate them. */
    FinetuneSettings toFinetuneSettings() {
        return Records.builder(DEFAULTS)
                .set("testClips", m_clipsPerVideo)
                .set("batchSize", m_batchSize)
                .set("device", m_device)
                .set("threads", m_loaderThreads)
                .build();
    }

    @Override
    public void validate() throws InvalidSettingsException {
        Devices.check(m_device);
        Problems.check(Problems.withTitles(toFinetuneSettings().problems(), TITLES));
    }
}
