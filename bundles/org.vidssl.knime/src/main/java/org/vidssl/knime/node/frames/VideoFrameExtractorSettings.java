package org.vidssl.knime.node.frames;

import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.knime.util.PathSettings;
import org.vidssl.knime.util.Problems;
import org.vidssl.video.decode.FrameExtractionSettings;

/** Dialog of the Video Frame Extractor; defaults and validation come from {@link FrameExtractionSettings}. */
public final class VideoFrameExtractorSettings implements NodeParameters {

    @Widget(title = "Output folder", description = "Frames of each video go to <tt>&lt;output folder&gt;/&lt;video "
        + "ID&gt;/frame000001.jpg ...</tt>. Videos whose folder is complete are skipped, so a cancelled or failed "
        + "run resumes where it stopped." + PathSettings.ACCEPTED)
    String m_outputFolder = "";

    @Widget(title = "Frame height", description = "Frames are resized to this height, 8 to 4096 (the paper: 128).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_height = FrameExtractionSettings.DEFAULTS.height();

    @Widget(title = "Frame width", description = "Frames are resized to this width, 8 to 4096 (the paper: 171).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_width = FrameExtractionSettings.DEFAULTS.width();

    @Widget(title = "JPEG quality", description = "1 (smallest files) to 100 (best quality).", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_jpegQuality = FrameExtractionSettings.DEFAULTS.jpegQuality();

    @Widget(title = "Parallel videos", description = "Videos decoded at the same time, up to 256; 0 = one per "
        + "processor core.", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    int m_threads = FrameExtractionSettings.DEFAULTS.threads();

    /** The engine's settings for these dialog values (not validated). */
    FrameExtractionSettings toFrameExtractionSettings() {
        return new FrameExtractionSettings(m_height, m_width, m_jpegQuality, m_threads);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_outputFolder == null || m_outputFolder.isBlank()) {
            throw new InvalidSettingsException("Output folder is not set: choose the folder for the frame folders.");
        }
        Problems.check(Problems.withTitles(toFrameExtractionSettings().problems(), Map.of("Threads",
            "Parallel videos", "Frame size", "Frame height x width")));
    }
}
