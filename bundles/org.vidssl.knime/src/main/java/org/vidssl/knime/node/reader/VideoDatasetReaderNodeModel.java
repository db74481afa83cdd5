package org.vidssl.knime.node.reader;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.knime.util.KnimePaths;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.VideoTable;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class VideoDatasetReaderNodeModel extends WebUINodeModel<VideoDatasetReaderSettings> {

    VideoDatasetReaderNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, VideoDatasetReaderSettings.class);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final VideoDatasetReaderSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        datasetSettings(settings); // a missing folder is reported before the node runs
        return new DataTableSpec[] {VideoTable.spec()};
    }

    /** The engine's settings with the folders resolved (workflow-relative, knime:// URLs) and checked. */
    private static DatasetSettings datasetSettings(final VideoDatasetReaderSettings settings)
            throws InvalidSettingsException {
        DatasetSettings dataset = settings.toDatasetSettings()
                .withRoot(KnimePaths.existingFolder(settings.m_datasetRoot, "Dataset folder"))
                .withSplitDir(KnimePaths.resolveOptional(settings.m_splitFolder, "Split-file folder"));
        VideoDatasetReaderSettings.checkFoldersExist(dataset);
        return dataset;
    }

    @Override
    protected BufferedDataTable[] execute(
            final BufferedDataTable[] inData, final ExecutionContext exec, final VideoDatasetReaderSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        DatasetSettings datasetSettings = datasetSettings(settings);
        VideoDataset dataset =
                KnimeProgress.run(exec.createSubProgress(0.9), p -> DatasetReader.read(datasetSettings, p));
        String warning = VideoTable.problemWarning(dataset.problems());
        if (warning != null) {
            setWarningMessage(warning);
        }
        return new BufferedDataTable[] {VideoTable.write(dataset.videos(), exec)};
    }
}
