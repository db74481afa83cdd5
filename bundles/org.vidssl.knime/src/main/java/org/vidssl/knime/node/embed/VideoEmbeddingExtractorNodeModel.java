package org.vidssl.knime.node.embed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.ModelClips;
import org.vidssl.knime.util.VideoTable;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.extract.EmbeddingExtractor;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.video.clips.ClipSources;

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

    private static void checkEncoder(final VideoEncoderPortObjectSpec encoder) throws InvalidSettingsException {
        if (encoder != null && encoder.height() != encoder.width()) {
            throw new InvalidSettingsException("The encoder expects " + encoder.height() + "x" + encoder.width()
                    + " inputs; clips are cropped square. Use an encoder trained on square crops.");
        }
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final VideoEmbeddingExtractorSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        checkEncoder((VideoEncoderPortObjectSpec) inSpecs[0]);
        DataTableSpec table = (DataTableSpec) inSpecs[1];
        VideoTable.checkSpec(table, "video table");
        return new PortObjectSpec[] {table == null ? null : outputSpec(table)};
    }

    @Override
    protected PortObject[] execute(
            final PortObject[] inObjects, final ExecutionContext exec, final VideoEmbeddingExtractorSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoEncoderPortObject encoderPort = (VideoEncoderPortObject) inObjects[0];
        checkEncoder(encoderPort.getSpec());
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        ExtractSettings extract = settings.toExtractSettings();
        VideoTable.Rows rows = VideoTable.read(table, exec.createSubProgress(0.01));
        VideoEncoderPortObjectSpec spec = encoderPort.getSpec();
        EmbeddingSet embeddings = KnimeProgress.run(exec.createSubProgress(0.97), p -> {
            try (VideoEncoder encoder = EncoderFile.load(encoderPort.modelFile(), Devices.parse(extract.device()));
                    ClipSource source =
                            ClipSources.open(rows.videos(), ModelClips.forModel(spec, extract.clipsPerVideo()), null)) {
                return new EmbeddingExtractor(encoder, extract)
                        .extract(source, p)
                        .videos();
            }
        });
        float[][] vectors = embeddings.vectors(); // in the order of rows.videos()
        Map<RowKey, float[]> byRow = new HashMap<>();
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
        return new PortObject[] {out.getTable()};
    }

    /** A list-of-double cell, the type KNIME's distance, t-SNE and vector nodes read. */
    static DataCell listCell(final float[] vector) {
        List<DoubleCell> values = new ArrayList<>(vector.length);
        for (float v : vector) {
            values.add(new DoubleCell(v));
        }
        return CollectionCellFactory.createListCell(values);
    }
}
