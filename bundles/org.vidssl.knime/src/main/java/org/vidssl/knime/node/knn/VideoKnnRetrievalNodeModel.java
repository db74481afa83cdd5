package org.vidssl.knime.node.knn;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.progress.Progress;
import org.vidssl.knime.util.EnginePending;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.VideoTable;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class VideoKnnRetrievalNodeModel extends WebUINodeModel<VideoKnnRetrievalSettings> {

    /** Embeddings and labels of one table; rows without a usable embedding are left out and counted. */
    record Side(List<String> ids, List<String> classes, float[][] vectors, int skipped) {
    }

    /** One neighbour of one query (mirrors the engine's Neighbour). */
    record Hit(int query, int rank, int neighbour, float distance) {
    }

    /** The engine's answer: neighbours and top-k accuracy per k. */
    record Result(List<Hit> hits, double[] accuracy) {
    }

    VideoKnnRetrievalNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, VideoKnnRetrievalSettings.class);
    }

    static DataTableSpec neighboursSpec() {
        return new DataTableSpec("Neighbours", VideoTable.column("Query ID", StringCell.TYPE),
            VideoTable.column("Query class", StringCell.TYPE), VideoTable.column("Rank", IntCell.TYPE),
            VideoTable.column("Neighbour ID", StringCell.TYPE), VideoTable.column("Neighbour class", StringCell.TYPE),
            VideoTable.column("Distance", DoubleCell.TYPE), VideoTable.column("Same class", StringCell.TYPE));
    }

    static DataTableSpec accuracySpec() {
        return new DataTableSpec("Top-k accuracy", VideoTable.column("k", IntCell.TYPE),
            VideoTable.column("Top-k accuracy", DoubleCell.TYPE), VideoTable.column("Queries", IntCell.TYPE));
    }

    private static void checkColumns(final DataTableSpec spec, final VideoKnnRetrievalSettings s, final String port)
        throws InvalidSettingsException {
        if (spec == null) {
            return;
        }
        VideoTable.requireType(spec, s.m_embeddingColumn, CollectionDataValue.class, port);
        VideoTable.requireType(spec, s.m_classColumn, StringValue.class, port);
        VideoTable.requireType(spec, s.m_idColumn, StringValue.class, port);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final VideoKnnRetrievalSettings settings)
        throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        checkColumns(inSpecs[0], settings, "query table");
        checkColumns(inSpecs[1], settings, "database table");
        return new DataTableSpec[]{neighboursSpec(), accuracySpec()};
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec,
        final VideoKnnRetrievalSettings settings) throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        int[] ks = settings.ks();
        Side queries = read(inData[0], settings, exec.createSubProgress(0.05));
        Side database = read(inData[1], settings, exec.createSubProgress(0.05));
        if (queries.ids().isEmpty() || database.ids().isEmpty()) {
            throw new InvalidSettingsException("The query or database table has no row with an embedding.");
        }
        int dim = database.vectors()[0].length;
        for (float[][] vectors : new float[][][]{queries.vectors(), database.vectors()}) {
            for (float[] v : vectors) {
                if (v.length != dim) {
                    throw new InvalidSettingsException("Embeddings have different lengths (" + v.length + " and "
                        + dim + "): compute both tables with the same encoder and settings.");
                }
            }
        }
        Result result = KnimeProgress.run(exec.createSubProgress(0.85),
            p -> search(queries, database, settings, ks, p));
        BufferedDataContainer neighbours = exec.createDataContainer(neighboursSpec());
        long row = 0;
        for (Hit h : result.hits()) {
            if (h.rank() > settings.m_neighboursListed) {
                continue;
            }
            String queryClass = queries.classes().get(h.query());
            String neighbourClass = database.classes().get(h.neighbour());
            neighbours.addRowToTable(new DefaultRow(RowKey.createRowKey(row++),
                new StringCell(queries.ids().get(h.query())), new StringCell(queryClass), new IntCell(h.rank()),
                new StringCell(database.ids().get(h.neighbour())), new StringCell(neighbourClass),
                new DoubleCell(h.distance()), new StringCell(String.valueOf(queryClass.equals(neighbourClass)))));
        }
        neighbours.close();
        BufferedDataContainer accuracy = exec.createDataContainer(accuracySpec());
        for (int i = 0; i < ks.length; i++) {
            accuracy.addRowToTable(new DefaultRow(RowKey.createRowKey((long)i), new IntCell(ks[i]),
                new DoubleCell(result.accuracy()[i]), new IntCell(queries.ids().size())));
        }
        accuracy.close();
        int skipped = queries.skipped() + database.skipped();
        if (skipped > 0) {
            setWarningMessage(skipped + " row(s) without a usable embedding or class were skipped.");
        }
        return new BufferedDataTable[]{neighbours.getTable(), accuracy.getTable()};
    }

    private static Side read(final BufferedDataTable table, final VideoKnnRetrievalSettings s,
        final ExecutionMonitor exec) throws CanceledExecutionException {
        DataTableSpec spec = table.getDataTableSpec();
        int emb = spec.findColumnIndex(s.m_embeddingColumn);
        int cls = spec.findColumnIndex(s.m_classColumn);
        int id = spec.findColumnIndex(s.m_idColumn);
        List<String> ids = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int skipped = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                DataRow row = it.next();
                float[] vector = vector(row.getCell(emb));
                if (vector == null || row.getCell(cls).isMissing() || row.getCell(id).isMissing()) {
                    skipped++;
                    continue;
                }
                ids.add(((StringValue)row.getCell(id)).getStringValue());
                classes.add(((StringValue)row.getCell(cls)).getStringValue());
                vectors.add(vector);
            }
        }
        return new Side(ids, classes, vectors.toArray(float[][]::new), skipped);
    }

    /** The numbers of a list cell, or null when it is missing, empty or holds a non-number. */
    private static float[] vector(final DataCell cell) {
        if (cell.isMissing() || !(cell instanceof CollectionDataValue list) || list.size() == 0) {
            return null;
        }
        float[] v = new float[list.size()];
        int i = 0;
        for (DataCell element : list) {
            if (element.isMissing() || !(element instanceof DoubleValue d)) {
                return null;
            }
            v[i++] = (float)d.getDoubleValue();
        }
        return v;
    }

    private static Result search(final Side queries, final Side database, final VideoKnnRetrievalSettings settings,
        final int[] ks, final Progress progress) {
        // ENGINE-PENDING: KnnSearch over database.vectors() for queries.vectors() with
        //     new RetrievalSettings(distance, ks); map Neighbour to Hit and TopKAccuracy to accuracy[]
        throw EnginePending.notYet("the kNN search (org.vidssl.core.retrieval.KnnSearch)");
    }
}
