package org.vidssl.knime.node.frames;

import java.util.Map;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.knime.util.PathSettings;
import org.vidssl.knime.util.Problems;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.flow.FlowMethod;

/** Dialog of the Video Frame Extractor; defaults and validation come from {@link FrameExtractionSettings}. */
public final class VideoFrameExtractorSettings implements NodeParameters {

    /** The optical flow, as offered in the dialog. */
    enum FlowChoice {
        @Label(value = "None", description = "No optical flow: RGB frames only.")
        NONE(FlowMethod.NONE),
        @Label(
                value = "TV-L1",
                description = "TV-L1 flow, as in the data the paper was trained on. Slow: a few "
                        + "frames per second per core at 128x171.")
        TVL1(FlowMethod.TVL1),
        @Label(
                value = "Farneback",
                description = "Farneback flow: about 70 times faster than TV-L1, "
                        + "smoother and less exact at motion edges.")
        FARNEBACK(FlowMethod.FARNEBACK);

        final FlowMethod m_method;

        FlowChoice(final FlowMethod method) {
            m_method = method;
        }
    }

    @Widget(
            title = "Output folder",
            description = "Frames of each video go to <tt>&lt;output folder&gt;/&lt;video "
                    + "ID&gt;/frame000001.jpg ...</tt>. Videos whose folder is complete are skipped, so a cancelled or"
                    + " failed "
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

    @Widget(
            title = "Parallel videos",
            description = "Videos decoded at the same time, up to 256; 0 = one per " + "processor core.",
            advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    int m_threads = FrameExtractionSettings.DEFAULTS.threads();

    @Widget(
            title = "Optical flow",
            description = "Also compute the optical flow between consecutive frames for "
                    + "the flow views u and v: grey JPEGs in <tt>&lt;output folder&gt;/u/&lt;video ID&gt;/</tt> and "
                    + "<tt>&lt;output folder&gt;/v/&lt;video ID&gt;/</tt>, one frame fewer than the video, each"
                    + " component "
                    + "clipped to 20 pixels either way and mapped to 0 to 255 as in the paper's data. Set the Clip"
                    + " Pipeline's "
                    + "flow folder to the output folder to read them.")
    @ValueSwitchWidget
    FlowChoice m_flow =
            FlowChoice.valueOf(FrameExtractionSettings.DEFAULTS.flow().name());

    /** The engine's names of settings whose dialog title differs. */
    static final Map<String, String> TITLES =
            Map.of("Threads", "Parallel videos", "Frame size", "Frame height x width");

    /** The engine's settings for these dialog values (not validated). */
    FrameExtractionSettings toFrameExtractionSettings() {
        return new FrameExtractionSettings(
                m_height, m_width, m_jpegQuality, m_threads, m_flow == null ? null : m_flow.m_method);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_outputFolder == null || m_outputFolder.isBlank()) {
            throw new InvalidSettingsException("Output folder is not set: choose the folder for the frame folders.");
        }
        Problems.check(Problems.withTitles(toFrameExtractionSettings().problems(), TITLES));
    }
}
