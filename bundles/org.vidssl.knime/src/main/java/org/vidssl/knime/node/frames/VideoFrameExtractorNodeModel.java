package org.vidssl.knime.node.frames;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.knime.util.KnimePaths;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.VideoTable;
import org.vidssl.video.decode.ExtractionResult;
import org.vidssl.video.decode.FrameExtractor;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class VideoFrameExtractorNodeModel extends WebUINodeModel<VideoFrameExtractorSettings> {

    static final String REASON = "Reason";

    private static final String OUTPUT_FOLDER = "Output folder";

    VideoFrameExtractorNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, VideoFrameExtractorSettings.class);
    }

    /** The input columns without Frames and Frame folder, then the decoded Frames and Frame folder. */
    static DataTableSpec outputSpec(final DataTableSpec in) {
        List<DataColumnSpec> columns = new ArrayList<>();
        for (DataColumnSpec c : in) {
            if (!c.getName().equals(VideoTable.FRAMES) && !c.getName().equals(VideoTable.FRAME_FOLDER)) {
                columns.add(c);
            }
        }
        columns.add(VideoTable.column(VideoTable.FRAMES, IntCell.TYPE));
        columns.add(VideoTable.column(VideoTable.FRAME_FOLDER, StringCell.TYPE));
        return new DataTableSpec("Decoded videos", columns.toArray(DataColumnSpec[]::new));
    }

    static DataTableSpec failedSpec() {
        return new DataTableSpec(
                "Failed videos",
                VideoTable.column(VideoTable.VIDEO_ID, StringCell.TYPE),
                VideoTable.column(VideoTable.PATH, StringCell.TYPE),
                VideoTable.column(REASON, StringCell.TYPE));
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final VideoFrameExtractorSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        KnimePaths.resolve(settings.m_outputFolder, OUTPUT_FOLDER); // a bad path or URL fails here already
        VideoTable.checkSpec(inSpecs[0], "video table");
        return new DataTableSpec[] {outputSpec(inSpecs[0]), failedSpec()};
    }

    @Override
    protected BufferedDataTable[] execute(
            final BufferedDataTable[] inData, final ExecutionContext exec, final VideoFrameExtractorSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        Path outputFolder = KnimePaths.resolve(settings.m_outputFolder, OUTPUT_FOLDER);
        BufferedDataTable table = inData[0];
        VideoTable.Rows rows = VideoTable.read(table, exec.createSubProgress(0.02));
        FrameExtractor extractor = new FrameExtractor(settings.toFrameExtractionSettings());
        List<ExtractionResult> results =
                KnimeProgress.run(exec.createSubProgress(0.95), p -> extractor.extract(rows.videos(), outputFolder, p));
        Map<RowKey, ExtractionResult> byRow = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            byRow.put(rows.keys().get(i), results.get(i));
        }
        DataTableSpec inSpec = table.getDataTableSpec();
        DataTableSpec outSpec = outputSpec(inSpec);
        int pathColumn = inSpec.findColumnIndex(VideoTable.PATH);
        int idColumn = inSpec.findColumnIndex(VideoTable.VIDEO_ID);
        BufferedDataContainer decoded = exec.createDataContainer(outSpec);
        BufferedDataContainer failed = exec.createDataContainer(failedSpec());
        int failures = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                DataRow row = it.next();
                ExtractionResult result = byRow.get(row.getKey());
                if (result != null && result.error() == null) {
                    decoded.addRowToTable(new DefaultRow(row.getKey(), decodedCells(row, inSpec, outSpec, result)));
                } else {
                    failures++;
                    String reason =
                            result != null ? result.error() : rows.skipped().get(row.getKey());
                    failed.addRowToTable(new DefaultRow(
                            row.getKey(), text(row, idColumn), text(row, pathColumn), new StringCell(reason)));
                }
            }
        }
        decoded.close();
        failed.close();
        if (failures > 0) {
            setWarningMessage(failures + " video(s) could not be decoded; see the second output for the reasons.");
        }
        return new BufferedDataTable[] {decoded.getTable(), failed.getTable()};
    }

    private static List<DataCell> decodedCells(
            final DataRow row, final DataTableSpec inSpec, final DataTableSpec outSpec, final ExtractionResult result) {
        List<DataCell> cells = new ArrayList<>(outSpec.getNumColumns());
        for (int c = 0; c < inSpec.getNumColumns(); c++) {
            String name = inSpec.getColumnSpec(c).getName();
            if (!name.equals(VideoTable.FRAMES) && !name.equals(VideoTable.FRAME_FOLDER)) {
                cells.add(row.getCell(c));
            }
        }
        cells.add(new IntCell(result.frameCount()));
        cells.add(new StringCell(result.frameFolder().toString()));
        return cells;
    }

    private static DataCell text(final DataRow row, final int column) {
        DataCell cell = row.getCell(column);
        return cell.isMissing() ? cell : new StringCell(((StringValue) cell).getStringValue());
    }
}
