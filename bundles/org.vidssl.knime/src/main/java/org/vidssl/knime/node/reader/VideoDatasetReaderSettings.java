package org.vidssl.knime.node.reader;

import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;

/**
 * Dialog of the Video Dataset Reader.
 * ENGINE-PENDING: defaults and validation move to org.vidssl.core.dataset.DatasetSettings.DEFAULTS/problems()
 * once the core branch is merged; the values below are the contract's (split 1, seed 632).
 */
public final class VideoDatasetReaderSettings implements NodeParameters {

    /** Folder layout of the dataset. */
    enum LayoutChoice {
        @Label(value = "Split files", description = "UCF101/HMDB51 style: classInd.txt plus trainlistNN.txt and "
            + "testlistNN.txt naming the videos of each split.")
        SPLIT_FILES,
        @Label(value = "Class folders", description = "One sub-folder per class holding its videos; the test split "
            + "is drawn at random with the test fraction and seed below.")
        CLASS_FOLDERS
    }

    @Widget(title = "Dataset root", description = "Folder holding the videos (UCF101: the folder with the class "
        + "folders such as <tt>ApplyEyeMakeup/</tt>).")
    String m_datasetRoot = "";

    @Widget(title = "Split file folder", description = "Folder with classInd.txt and the train/test lists "
        + "(UCF101's <tt>ucfTrainTestlist</tt>). Empty: the dataset root.")
    String m_splitFolder = "";

    @Widget(title = "Layout", description = "How classes and splits are given.")
    @ValueSwitchWidget
    LayoutChoice m_layout = LayoutChoice.SPLIT_FILES;

    @Widget(title = "Split", description = "Which official split to read (1 to 3; UCF101 and HMDB51 have three).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_split = 1;

    @Widget(title = "Test fraction", description = "Class folders only: share of each class's videos put in the "
        + "test split.", advanced = true)
    double m_testFraction = 0.3;

    @Widget(title = "Seed", description = "Class folders only: seed of the random train/test assignment, so the "
        + "split is the same on every run.", advanced = true)
    long m_seed = 632;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_datasetRoot == null || m_datasetRoot.isBlank()) {
            throw new InvalidSettingsException("Choose the dataset root folder.");
        }
        if (m_split < 1 || m_split > 3) {
            throw new InvalidSettingsException("Split is " + m_split + ": use 1, 2 or 3.");
        }
        if (!(m_testFraction > 0 && m_testFraction < 1)) {
            throw new InvalidSettingsException("Test fraction is " + m_testFraction + ": use a value between 0 and 1.");
        }
    }

    /** Configure-time check that the folders exist. */
    void checkFolders() throws InvalidSettingsException {
        if (!Files.isDirectory(Path.of(m_datasetRoot))) {
            throw new InvalidSettingsException("Dataset root '" + m_datasetRoot + "' is not a folder: choose the "
                + "folder holding the videos.");
        }
        if (!m_splitFolder.isBlank() && !Files.isDirectory(Path.of(m_splitFolder))) {
            throw new InvalidSettingsException("Split file folder '" + m_splitFolder + "' is not a folder: choose "
                + "the folder with classInd.txt, or leave it empty.");
        }
    }
}
