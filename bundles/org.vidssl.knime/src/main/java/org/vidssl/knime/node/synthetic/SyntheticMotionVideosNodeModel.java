package org.vidssl.knime.node.synthetic;

import java.nio.file.Path;
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
import org.vidssl.video.synth.SyntheticMotionDataset;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class SyntheticMotionVideosNodeModel extends WebUINodeModel<SyntheticMotionVideosSettings> {

    private static final String OUTPUT_FOLDER = "Output folder";

    SyntheticMotionVideosNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, SyntheticMotionVideosSettings.class);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final SyntheticMotionVideosSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        KnimePaths.resolve(settings.m_outputFolder, OUTPUT_FOLDER); // a bad path or URL fails here already
        return new DataTableSpec[] {VideoTable.spec()};
    }

    @Override
    protected BufferedDataTable[] execute(
            final BufferedDataTable[] inData, final ExecutionContext exec, final SyntheticMotionVideosSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        Path folder = KnimePaths.resolve(settings.m_outputFolder, OUTPUT_FOLDER);
        // generated as UCF101 is laid out, then read back the same way, so the demo exercises the real reader
        VideoDataset dataset = KnimeProgress.run(exec.createSubProgress(0.95), p -> {
            Path root = SyntheticMotionDataset.generate(settings.toSyntheticSettings(), folder, p.sub(0, 0.95));
            return DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), p.sub(0.95, 1));
        });
        String warning = VideoTable.problemWarning(dataset.problems());
        if (warning != null) {
            setWarningMessage(warning);
        }
        return new BufferedDataTable[] {VideoTable.write(dataset.videos(), exec)};
    }
}
