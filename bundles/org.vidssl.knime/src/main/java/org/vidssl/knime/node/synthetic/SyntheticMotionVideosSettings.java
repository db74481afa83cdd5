package org.vidssl.knime.node.synthetic;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;

/**
 * Dialog of the Synthetic Motion Videos node.
 * ENGINE-PENDING: defaults and validation move to org.vidssl.video.synth.SyntheticSettings once merged; the values
 * below are the contract's.
 */
public final class SyntheticMotionVideosSettings implements NodeParameters {

    /** Video container written. */
    enum ContainerChoice {
        @Label(value = "MP4 (H.264)", description = "Small files, what real datasets mostly use.")
        MP4,
        @Label(value = "AVI (MPEG-4)", description = "UCF101's container.")
        AVI
    }

    @Widget(title = "Output folder", description = "Folder the dataset is written to (videos in one folder per "
        + "class plus classInd.txt, trainlist01.txt and testlist01.txt). Existing videos of the same settings are "
        + "kept.")
    String m_outputFolder = "";

    @Widget(title = "Classes", description = "Number of motion patterns (directions, circles, zig-zags, zoom, "
        + "rotation, ...), one class each.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_classes = 10;

    @Widget(title = "Videos per class", description = "Videos generated for each class.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_videosPerClass = 24;

    @Widget(title = "Frames per video", description = "Length of each video in frames.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_frames = 48;

    @Widget(title = "Height", description = "Frame height in pixels.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_height = 128;

    @Widget(title = "Width", description = "Frame width in pixels.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_width = 171;

    @Widget(title = "Container", description = "File format of the videos.", advanced = true)
    @ValueSwitchWidget
    ContainerChoice m_container = ContainerChoice.MP4;

    @Widget(title = "Test fraction", description = "Share of each class's videos listed in testlist01.txt.")
    double m_testFraction = 0.3;

    @Widget(title = "Seed", description = "Seed of shapes, colours, backgrounds, noise and the split: the same "
        + "seed always gives the same videos.")
    long m_seed = 632;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_outputFolder == null || m_outputFolder.isBlank()) {
            throw new InvalidSettingsException("Choose the output folder for the generated videos.");
        }
        if (m_classes < 2) {
            throw new InvalidSettingsException("Classes is " + m_classes + ": use at least 2.");
        }
        if (m_videosPerClass < 2) {
            throw new InvalidSettingsException("Videos per class is " + m_videosPerClass
                + ": use at least 2, so each class has train and test videos.");
        }
        if (m_frames < 1 || m_height < 8 || m_width < 8) {
            throw new InvalidSettingsException("Videos of " + m_frames + " frames of " + m_height + "x" + m_width
                + " are too small: use at least 1 frame of 8x8 pixels.");
        }
        if (!(m_testFraction > 0 && m_testFraction < 1)) {
            throw new InvalidSettingsException("Test fraction is " + m_testFraction + ": use a value between 0 and 1.");
        }
    }
}
