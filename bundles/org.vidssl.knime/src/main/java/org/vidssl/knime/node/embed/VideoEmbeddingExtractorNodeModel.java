package org.vidssl.knime.node.embed;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.util.EnginePending;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.VideoTable;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class VideoEmbeddingExtractorNodeModel extends WebUINodeModel<VideoEmbeddingExtractorSettings> {

    static final String EMBEDDING = "Embedding";

    VideoEmbeddingExtractorNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, VideoEmbeddingExtractorSettings.class);
    }

    static DataTableSpec outputSpec(final DataTableSpec in) throws InvalidSettingsException {
        if (in.containsName(EMBEDDING)) {
            throw new InvalidSettingsException("The video table already has a column '" + EMBEDDING
                + "': remove or rename it first (Column Filter / Column Renamer).");
        }
        List<DataColumnSpec> columns = new ArrayList<>();
        in.forEach(columns::add);
        columns.add(VideoTable.column(EMBEDDING, ListCell.getCollectionType(DoubleCell.TYPE)));
        return new DataTableSpec("Embeddings", columns.toArray(DataColumnSpec[]::new));
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs,
        final VideoEmbeddingExtractorSettings settings) throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        DataTableSpec table = (DataTableSpec)inSpecs[1];
        VideoTable.checkSpec(table, "video table");
        return new PortObjectSpec[]{table == null ? null : outputSpec(table)};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec,
        final VideoEmbeddingExtractorSettings settings) throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoEncoderPortObject encoder = (VideoEncoderPortObject)inObjects[0];
        BufferedDataTable table = (BufferedDataTable)inObjects[1];
        VideoTable.Rows rows = VideoTable.read(table, exec.createSubProgress(0.01));
        float[][] vectors =
            KnimeProgress.run(exec.createSubProgress(0.97), p -> embed(encoder, rows.videos(), settings, p));
        java.util.Map<RowKey, float[]> byRow = new java.util.HashMap<>();
        for (int i = 0; i < vectors.length; i++) {
            byRow.put(rows.keys().get(i), vectors[i]);
        }
        BufferedDataContainer out = exec.createDataContainer(outputSpec(table.getDataTableSpec()));
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                DataRow row = it.next();
                float[] vector = byRow.get(row.getKey());
                if (vector == null) {
                    continue; // skipped row, counted in the warning
                }
                List<DataCell> cells = new ArrayList<>(row.getNumCells() + 1);
                row.forEach(cells::add);
                cells.add(listCell(vector));
                out.addRowToTable(new DefaultRow(row.getKey(), cells));
            }
        }
        out.close();
        if (rows.warning() != null) {
            setWarningMessage(rows.warning());
        }
        return new PortObject[]{out.getTable()};
    }

    /** A list-of-double cell, the type KNIME's distance, t-SNE and vector nodes read. */
    static DataCell listCell(final float[] vector) {
        List<DoubleCell> values = new ArrayList<>(vector.length);
        for (float v : vector) {
            values.add(new DoubleCell(v));
        }
        return CollectionCellFactory.createListCell(values);
    }

    private static float[][] embed(final VideoEncoderPortObject encoder, final List<VideoEntry> videos,
        final VideoEmbeddingExtractorSettings settings, final Progress progress) {
        // ENGINE-PENDING: VideoEncoder e = EncoderFile.load(encoder.modelFile()); clip source over videos with
        //     the encoder's clip length and crop; average the features of settings.m_clipsPerVideo test clips
        throw EnginePending.notYet("embedding extraction (EncoderFile.load and the torch feature extractor)");
    }
}
