package org.vidssl.knime.node.reader;

import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.knime.util.Problems;

/** Dialog of the Video Dataset Reader; defaults and validation come from {@link DatasetSettings}. */
public final class VideoDatasetReaderSettings implements NodeParameters {

    /** Folder layout of the dataset; the names are those of {@link DatasetSettings.Layout}. */
    enum LayoutChoice {
        @Label(value = "Split files", description = "UCF101/HMDB51 style: classInd.txt plus trainlistNN.txt and "
            + "testlistNN.txt naming the videos of each split.")
        SPLIT_FILES,
        @Label(value = "Class folders", description = "One sub-folder per class holding its videos; the test split "
            + "is drawn at random with the test fraction and seed below.")
        CLASS_FOLDERS
    }

    @Widget(title = "Dataset root", description = "Folder holding the videos or frame folders (UCF101: the folder "
        + "with the class folders such as <tt>ApplyEyeMakeup/</tt>).")
    String m_datasetRoot = "";

    @Widget(title = "Split file folder", description = "Folder with classInd.txt and the train/test lists "
        + "(UCF101's <tt>ucfTrainTestlist</tt>). Empty: the dataset root, its <tt>ucfTrainTestlist</tt> sub-folder "
        + "or a <tt>ucfTrainTestlist</tt> folder next to it, whichever holds classInd.txt.")
    String m_splitFolder = "";

    @Widget(title = "Layout", description = "How classes and splits are given.")
    @ValueSwitchWidget
    LayoutChoice m_layout = LayoutChoice.valueOf(DatasetSettings.DEFAULTS.layout().name());

    @Widget(title = "Split", description = "Split files only: which official split to read, 1 to 3 "
        + "(trainlist0N.txt / testlist0N.txt; UCF101 and HMDB51 have three).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_split = DatasetSettings.DEFAULTS.split();

    @Widget(title = "Test fraction", description = "Class folders only: share of each class's videos put in the "
        + "test split, between 0 and 1.", advanced = true)
    double m_testFraction = DatasetSettings.DEFAULTS.testFraction();

    @Widget(title = "Seed", description = "Class folders only: seed of the random train/test assignment, so the "
        + "split is the same on every run.", advanced = true)
    long m_seed = DatasetSettings.DEFAULTS.seed();

    /** The engine's settings for these dialog values (not validated). */
    DatasetSettings toDatasetSettings() {
        return new DatasetSettings(path(m_datasetRoot), path(m_splitFolder),
            DatasetSettings.Layout.valueOf(m_layout.name()), m_split, m_testFraction, m_seed);
    }

    private static Path path(final String text) {
        return text == null || text.isBlank() ? null : Path.of(text.trim());
    }

    /** Checks the settings, folders included (configure and execute both call it). */
    @Override
    public void validate() throws InvalidSettingsException {
        try {
            Problems.check(toDatasetSettings().problems());
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidSettingsException("Dataset root or split file folder is not a valid path: "
                + e.getMessage(), e);
        }
    }
}
