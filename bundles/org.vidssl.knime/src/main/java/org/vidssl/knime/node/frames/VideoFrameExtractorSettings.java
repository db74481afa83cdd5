package org.vidssl.knime.node.frames;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;

/**
 * Dialog of the Video Frame Extractor.
 * ENGINE-PENDING: defaults and validation move to org.vidssl.video.decode.FrameExtractionSettings once merged.
 */
public final class VideoFrameExtractorSettings implements NodeParameters {

    @Widget(title = "Output folder", description = "Frames of each video go to <tt>&lt;output folder&gt;/&lt;video "
        + "ID&gt;/frame000001.jpg ...</tt>. Videos whose folder is complete are skipped, so a cancelled or failed "
        + "run resumes where it stopped.")
    String m_outputFolder = "";

    @Widget(title = "Frame height", description = "Frames are resized to this height (the paper: 128).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_height = 128;

    @Widget(title = "Frame width", description = "Frames are resized to this width (the paper: 171).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_width = 171;

    @Widget(title = "JPEG quality", description = "1 (smallest files) to 100 (best quality).", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_jpegQuality = 90;

    @Widget(title = "Parallel videos", description = "Videos decoded at the same time.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_outputFolder == null || m_outputFolder.isBlank()) {
            throw new InvalidSettingsException("Choose the output folder for the frame folders.");
        }
        if (m_height < 8 || m_width < 8) {
            throw new InvalidSettingsException("Frame size " + m_height + "x" + m_width + " is too small: use at "
                + "least 8x8 (the paper uses 128x171).");
        }
        if (m_jpegQuality < 1 || m_jpegQuality > 100) {
            throw new InvalidSettingsException("JPEG quality is " + m_jpegQuality + ": use 1 to 100.");
        }
        if (m_threads < 1) {
            throw new InvalidSettingsException("Parallel videos is " + m_threads + ": use at least 1.");
        }
    }
}
