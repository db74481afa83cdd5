package org.vidssl.knime.node.reader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.knime.util.PathSettings;
import org.vidssl.knime.util.Problems;

/** Dialog of the Video Dataset Reader; defaults and validation come from {@link DatasetSettings}. */
public final class VideoDatasetReaderSettings implements NodeParameters {

    /** Folder layout of the dataset; the names are those of {@link DatasetSettings.Layout}. */
    enum LayoutChoice {
        @Label(
                value = "Split files",
                description = "UCF101/HMDB51 style: classInd.txt plus trainlistNN.txt and "
                        + "testlistNN.txt naming the videos of each split.")
        SPLIT_FILES,
        @Label(
                value = "Class folders",
                description = "One sub-folder per class holding its videos; the test split "
                        + "is drawn at random with the test fraction and seed below.")
        CLASS_FOLDERS
    }

    interface LayoutRef extends ParameterReference<LayoutChoice> {}

    /** Shows the settings of split files. */
    static final class IsSplitFiles implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(LayoutRef.class).isOneOf(LayoutChoice.SPLIT_FILES);
        }
    }

    /** Shows the settings of class folders. */
    static final class IsClassFolders implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(LayoutRef.class).isOneOf(LayoutChoice.CLASS_FOLDERS);
        }
    }

    @Widget(
            title = "Dataset folder",
            description = "Folder holding the videos or frame folders (UCF101: the folder "
                    + "with the class folders such as <tt>ApplyEyeMakeup/</tt>). Its existence is checked when the"
                    + " node is "
                    + "configured and executed, so it may be written by an earlier node of the workflow."
                    + PathSettings.ACCEPTED)
    String m_datasetRoot = "";

    @Widget(title = "Layout", description = "How classes and splits are given.")
    @ValueSwitchWidget
    @ValueReference(LayoutRef.class)
    LayoutChoice m_layout =
            LayoutChoice.valueOf(DatasetSettings.DEFAULTS.layout().name());

    @Widget(
            title = "Split-file folder",
            description = "Folder with classInd.txt and the train/test lists "
                    + "(UCF101's <tt>ucfTrainTestlist</tt>). Empty: the dataset folder, its <tt>ucfTrainTestlist</tt> "
                    + "sub-folder or a <tt>ucfTrainTestlist</tt> folder next to it, whichever holds classInd.txt."
                    + PathSettings.ACCEPTED)
    @Effect(predicate = IsSplitFiles.class, type = EffectType.SHOW)
    String m_splitFolder = "";

    @Widget(
            title = "Split",
            description = "Which official split to read, 1 to 3 (trainlist0N.txt / "
                    + "testlist0N.txt; UCF101 and HMDB51 have three).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Effect(predicate = IsSplitFiles.class, type = EffectType.SHOW)
    int m_split = DatasetSettings.DEFAULTS.split();

    @Widget(
            title = "Test fraction",
            description = "Share of each class's videos put in the test split, between " + "0 and 1.",
            advanced = true)
    @Effect(predicate = IsClassFolders.class, type = EffectType.SHOW)
    double m_testFraction = DatasetSettings.DEFAULTS.testFraction();

    @Widget(
            title = "Seed",
            description = "Seed of the random train/test assignment, so the split is the same on " + "every run.",
            advanced = true)
    @Effect(predicate = IsClassFolders.class, type = EffectType.SHOW)
    long m_seed = DatasetSettings.DEFAULTS.seed();

    /** The engine's settings for these dialog values (not validated). */
    DatasetSettings toDatasetSettings() {
        return new DatasetSettings(
                path(m_datasetRoot),
                path(m_splitFolder),
                DatasetSettings.Layout.valueOf(m_layout.name()),
                m_split,
                m_testFraction,
                m_seed);
    }

    private static Path path(final String text) {
        return text == null || text.isBlank() ? null : Path.of(text.trim());
    }

    /**
     * Problems of the values alone, each naming the setting: the folders may not exist yet (an earlier node writes
     * them) or may have moved, which {@link #checkFoldersExist} reports when the node is configured or executed.
     */
    List<String> valueProblems() {
        List<String> problems = new ArrayList<>();
        if (PathSettings.isBlank(m_datasetRoot)) {
            problems.add("Dataset folder is not set: choose the folder that holds the videos or frame folders.");
        }
        problems.addAll(new DatasetSettings(
                        null, null, DatasetSettings.Layout.valueOf(m_layout.name()), m_split, m_testFraction, m_seed)
                .valueProblems());
        return problems;
    }

    /** Checks the values only, never the file system (KNIME 5.7 validates whenever settings are loaded). */
    @Override
    public void validate() throws InvalidSettingsException {
        Problems.check(valueProblems());
    }

    /** Checks that the dataset folder and split-file folder of {@code dataset} (resolved paths) exist. */
    static void checkFoldersExist(final DatasetSettings dataset) throws InvalidSettingsException {
        Problems.check(dataset.folderProblems());
    }
}
