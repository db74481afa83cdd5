package org.vidssl.knime.node.synthetic;

import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import org.vidssl.knime.util.EnginePending;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.VideoTable;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class SyntheticMotionVideosNodeModel extends WebUINodeModel<SyntheticMotionVideosSettings> {

    SyntheticMotionVideosNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, SyntheticMotionVideosSettings.class);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final SyntheticMotionVideosSettings settings)
        throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        return new DataTableSpec[]{VideoTable.spec()};
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec,
        final SyntheticMotionVideosSettings settings) throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        List<VideoEntry> videos = KnimeProgress.run(exec.createSubProgress(0.95), p -> generate(settings, p));
        BufferedDataContainer out = exec.createDataContainer(VideoTable.spec());
        for (int i = 0; i < videos.size(); i++) {
            exec.checkCanceled();
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)i), VideoTable.cells(videos.get(i))));
        }
        out.close();
        return new BufferedDataTable[]{out.getTable()};
    }

    private static List<VideoEntry> generate(final SyntheticMotionVideosSettings settings, final Progress progress) {
        // ENGINE-PENDING: Path root = SyntheticMotionDataset.generate(new SyntheticSettings(...), Path.of(folder),
        //     progress.sub(0, 0.9)); then DatasetReader.read(split files of root, progress.sub(0.9, 1)).videos()
        throw EnginePending.notYet("the synthetic dataset generator (SyntheticMotionDataset.generate)");
    }
}
