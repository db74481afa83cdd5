package org.vidssl.knime.node.synthetic;

import java.util.Map;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.knime.util.PathSettings;
import org.vidssl.knime.util.Problems;
import org.vidssl.video.synth.SyntheticSettings;

/** Dialog of the Synthetic Motion Videos node; defaults and validation come from {@link SyntheticSettings}. */
public final class SyntheticMotionVideosSettings implements NodeParameters {

    /** Video container written; the names are those of {@link SyntheticSettings.Container}. */
    enum ContainerChoice {
        @Label(value = "MP4 (H.264)", description = "Small files, what real datasets mostly use.")
        MP4,
        @Label(value = "AVI (MPEG-4)", description = "UCF101's container.")
        AVI
    }

    @Widget(
            title = "Output folder",
            description = "Folder the dataset is written to (videos in one folder per "
                    + "class plus classInd.txt, trainlist01.txt and testlist01.txt). It must be new or empty; a folder "
                    + "holding a dataset generated with the same settings is reused as it is." + PathSettings.ACCEPTED)
    String m_outputFolder = "";

    @Widget(
            title = "Classes",
            description = "Number of motion patterns (directions, circles, zig-zags, zoom, "
                    + "rotation, ...), one class each: 2 to 15.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_classes = SyntheticSettings.DEFAULTS.classes();

    @Widget(
            title = "Videos per class",
            description = "Videos generated for each class (at least 2, so each class " + "has train and test videos).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_videosPerClass = SyntheticSettings.DEFAULTS.videosPerClass();

    @Widget(title = "Frames per video", description = "Length of each video in frames (at least 2; clips use 16).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_frames = SyntheticSettings.DEFAULTS.frames();

    @Widget(
            title = "Height",
            description = "Frame height in pixels, 16 to 2048 (the paper's resize height: 128).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_height = SyntheticSettings.DEFAULTS.height();

    @Widget(
            title = "Width",
            description = "Frame width in pixels, 16 to 2048 (the paper's resize width: 171; odd "
                    + "widths are stored one column wider).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_width = SyntheticSettings.DEFAULTS.width();

    @Widget(title = "Container", description = "File format of the videos.", advanced = true)
    @ValueSwitchWidget
    ContainerChoice m_container =
            ContainerChoice.valueOf(SyntheticSettings.DEFAULTS.container().name());

    @Widget(
            title = "Test fraction",
            description = "Share of each class's videos listed in testlist01.txt, " + "between 0 and 1.")
    double m_testFraction = SyntheticSettings.DEFAULTS.testFraction();

    @Widget(
            title = "Seed",
            description = "Seed of shapes, colours, backgrounds, noise, speeds and the split: the "
                    + "same seed always gives the same videos.")
    long m_seed = SyntheticSettings.DEFAULTS.seed();

    // added after release: workflows saved before have no motionSpeed and keep generating the same videos
    @Widget(
            title = "Motion speed",
            description = "How fast the objects move, as a multiple of the default speed, 0.25 to 8 (default 1; 2 "
                    + "moves them twice as fast). Networks fine-tuned on a few dozen videos per class learn the "
                    + "motion at 3 instead of memorising each video's appearance.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Migrate(loadDefaultIfAbsent = true)
    double m_motionSpeed = SyntheticSettings.DEFAULTS.motionSpeed();

    /** The engine's names of settings whose dialog title differs. */
    static final Map<String, String> TITLES =
            Map.of("Frame size", "Height x width", "Frame height", "Height", "Frame width", "Width");

    /** The engine's settings for these dialog values (not validated). */
    SyntheticSettings toSyntheticSettings() {
        return new SyntheticSettings(
                m_classes,
                m_videosPerClass,
                m_frames,
                m_height,
                m_width,
                SyntheticSettings.Container.valueOf(m_container.name()),
                m_testFraction,
                m_seed,
                m_motionSpeed);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_outputFolder == null || m_outputFolder.isBlank()) {
            throw new InvalidSettingsException("Output folder is not set: choose the folder for the generated videos.");
        }
        Problems.check(Problems.withTitles(toSyntheticSettings().problems(), TITLES));
    }
}
