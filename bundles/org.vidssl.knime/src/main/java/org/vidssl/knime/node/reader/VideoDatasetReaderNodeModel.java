package org.vidssl.knime.node.reader;

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
final class VideoDatasetReaderNodeModel extends WebUINodeModel<VideoDatasetReaderSettings> {

    VideoDatasetReaderNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, VideoDatasetReaderSettings.class);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final VideoDatasetReaderSettings settings)
        throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        settings.checkFolders();
        return new DataTableSpec[]{VideoTable.spec()};
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec,
        final VideoDatasetReaderSettings settings) throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        settings.checkFolders();
        List<VideoEntry> videos = KnimeProgress.run(exec.createSubProgress(0.9), p -> read(settings, p));
        BufferedDataContainer out = exec.createDataContainer(VideoTable.spec());
        for (int i = 0; i < videos.size(); i++) {
            exec.checkCanceled();
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)i), VideoTable.cells(videos.get(i))));
        }
        out.close();
        return new BufferedDataTable[]{out.getTable()};
    }

    private static List<VideoEntry> read(final VideoDatasetReaderSettings settings, final Progress progress) {
        // ENGINE-PENDING: VideoDataset d = DatasetReader.read(new DatasetSettings(root, splitDir, layout, split,
        //     testFraction, seed).validate(), progress); warn about d.problems(); return d.videos();
        throw EnginePending.notYet("the dataset reader (DatasetReader.read)");
    }
}
