package org.vidssl.knime.node.knn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.retrieval.Neighbour;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.retrieval.TopKAccuracy;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.Thumbnails;
import org.vidssl.knime.util.VideoTable;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.retrieval.TorchDotProductBlock;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class VideoKnnRetrievalNodeModel extends WebUINodeModel<VideoKnnRetrievalSettings> {

    static final String QUERY_THUMBNAIL = "Query thumbnail";
    static final String NEIGHBOUR_THUMBNAIL = "Neighbour thumbnail";

    private static final int THUMBNAIL_HEIGHT = 64;

    /** One input table read: the engine's side plus the frame folders for thumbnails; skipped rows counted. */
    private record Table(KnnRetrieval.Side side, List<Path> frameFolders, int skipped) {}

    VideoKnnRetrievalNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, VideoKnnRetrievalSettings.class);
    }

    static DataTableSpec neighboursSpec(final boolean thumbnails) {
        List<DataColumnSpec> columns = new ArrayList<>(List.of(
                VideoTable.column("Query ID", StringCell.TYPE),
                VideoTable.column("Query class", StringCell.TYPE),
                VideoTable.column("Rank", IntCell.TYPE),
                VideoTable.column("Neighbour ID", StringCell.TYPE),
                VideoTable.column("Neighbour class", StringCell.TYPE),
                VideoTable.column("Distance", DoubleCell.TYPE),
                VideoTable.column("Same class", BooleanCell.TYPE)));
        if (thumbnails) {
            columns.add(VideoTable.column(QUERY_THUMBNAIL, PNGImageContent.TYPE));
            columns.add(VideoTable.column(NEIGHBOUR_THUMBNAIL, PNGImageContent.TYPE));
        }
        return new DataTableSpec("Neighbours", columns.toArray(DataColumnSpec[]::new));
    }

    static DataTableSpec accuracySpec() {
        return new DataTableSpec(
                "Top-k accuracy",
                VideoTable.column("k", IntCell.TYPE),
                VideoTable.column("Top-k accuracy", DoubleCell.TYPE),
                VideoTable.column("Queries", IntCell.TYPE));
    }

    /** Thumbnails are shown when asked for and both tables know their frame folders. */
    private static boolean thumbnails(
            final VideoKnnRetrievalSettings s, final DataTableSpec queries, final DataTableSpec database) {
        return s.m_thumbnails
                && queries.containsName(VideoTable.FRAME_FOLDER)
                && database.containsName(VideoTable.FRAME_FOLDER);
    }

    private static void checkColumns(final DataTableSpec spec, final VideoKnnRetrievalSettings s, final String port)
            throws InvalidSettingsException {
        VideoTable.requireType(spec, s.m_embeddingColumn, CollectionDataValue.class, port);
        VideoTable.requireType(spec, s.m_classColumn, StringValue.class, port);
        VideoTable.requireType(spec, s.m_idColumn, StringValue.class, port);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final VideoKnnRetrievalSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        if (inSpecs[0] == null || inSpecs[1] == null) {
            return new DataTableSpec[] {null, accuracySpec()};
        }
        checkColumns(inSpecs[0], settings, "query table");
        checkColumns(inSpecs[1], settings, "database table");
        return new DataTableSpec[] {neighboursSpec(thumbnails(settings, inSpecs[0], inSpecs[1])), accuracySpec()};
    }

    @Override
    protected BufferedDataTable[] execute(
            final BufferedDataTable[] inData, final ExecutionContext exec, final VideoKnnRetrievalSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        RetrievalSettings retrieval = settings.toRetrievalSettings();
        boolean thumbnails = thumbnails(settings, inData[0].getDataTableSpec(), inData[1].getDataTableSpec());
        Table queries = read(inData[0], settings, exec.createSubProgress(0.05));
        Table database = read(inData[1], settings, exec.createSubProgress(0.05));
        List<String> warnings = new ArrayList<>();
        retrieval = withinDatabase(retrieval, database.side().ids().size(), warnings);
        RetrievalSettings kept = retrieval;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        float[][] vectors = database.side().vectors();
        int dimension = vectors.length == 0 ? 1 : vectors[0].length;
        // the dot products as LibTorch GEMM blocks on the chosen device; selection and metrics stay in the engine
        KnnRetrieval.Result result = KnimeProgress.run(exec.createSubProgress(0.8), p -> {
            try (TorchDotProductBlock dots = TorchDotProductBlock.forDimension(
                    Devices.parse(settings.m_device), dimension, TorchDotProductBlock.DEFAULT_BUDGET_BYTES)) {
                return KnnRetrieval.run(
                        queries.side(), database.side(), kept, settings.m_neighboursListed, threads, dots, p);
            }
        });
        exec.setMessage("Writing the neighbours");
        BufferedDataContainer neighbours = exec.createDataContainer(neighboursSpec(thumbnails));
        long row = 0;
        for (Neighbour n : result.neighbours()) {
            exec.checkCanceled();
            List<DataCell> cells = new ArrayList<>(List.of(
                    new StringCell(queries.side().ids().get(n.query())),
                    new StringCell(queries.side().classes().get(n.query())),
                    new IntCell(n.rank()),
                    new StringCell(database.side().ids().get(n.neighbour())),
                    new StringCell(database.side().classes().get(n.neighbour())),
                    new DoubleCell(n.distance()),
                    BooleanCell.get(n.sameClass())));
            if (thumbnails) {
                cells.add(thumbnail(queries.frameFolders().get(n.query())));
                cells.add(thumbnail(database.frameFolders().get(n.neighbour())));
            }
            neighbours.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), cells));
        }
        neighbours.close();
        BufferedDataContainer accuracy = exec.createDataContainer(accuracySpec());
        TopKAccuracy topK = result.accuracy();
        int[] ks = topK.ks();
        for (int i = 0; i < ks.length; i++) {
            accuracy.addRowToTable(new DefaultRow(
                    RowKey.createRowKey((long) i),
                    new IntCell(ks[i]),
                    new DoubleCell(topK.accuracyAt(i)),
                    new IntCell(topK.queries())));
        }
        accuracy.close();
        int skipped = queries.skipped() + database.skipped();
        if (skipped > 0) {
            warnings.add(skipped + " row(s) without a usable embedding, class or ID were skipped.");
        }
        if (!warnings.isEmpty()) {
            setWarningMessage(String.join(" ", warnings));
        }
        return new BufferedDataTable[] {neighbours.getTable(), accuracy.getTable()};
    }

    /**
     * The settings without the k values that reach the whole database (their top-k accuracy is 100% by definition),
     * with a warning; fails when no k is left.
     */
    static RetrievalSettings withinDatabase(
            final RetrievalSettings retrieval, final int databaseSize, final List<String> warnings)
            throws InvalidSettingsException {
        int[] beyond = retrieval.ksBeyond(databaseSize);
        if (beyond.length == 0) {
            return retrieval;
        }
        String why = "k = " + Arrays.stream(beyond).mapToObj(Integer::toString).collect(Collectors.joining(", "))
                + " reaches the whole database of " + databaseSize
                + " videos, where top-k accuracy is 100% by definition";
        RetrievalSettings kept = retrieval.within(databaseSize);
        if (kept == null) {
            throw new InvalidSettingsException("k values: " + why + ". Give k values below " + databaseSize + ".");
        }
        warnings.add(why + "; left out. Give k values below " + databaseSize + " to avoid this warning.");
        return kept;
    }

    private static DataCell thumbnail(final Path frameFolder) {
        byte[] png = Thumbnails.middleFramePng(frameFolder, THUMBNAIL_HEIGHT);
        return png == null ? DataType.getMissingCell() : new PNGImageContent(png).toImageCell();
    }

    private static Table read(
            final BufferedDataTable table, final VideoKnnRetrievalSettings s, final ExecutionMonitor exec)
            throws CanceledExecutionException {
        DataTableSpec spec = table.getDataTableSpec();
        int emb = spec.findColumnIndex(s.m_embeddingColumn);
        int cls = spec.findColumnIndex(s.m_classColumn);
        int id = spec.findColumnIndex(s.m_idColumn);
        int folder = spec.findColumnIndex(VideoTable.FRAME_FOLDER);
        List<String> ids = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        int skipped = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                DataRow row = it.next();
                float[] vector = vector(row.getCell(emb));
                if (vector == null
                        || row.getCell(cls).isMissing()
                        || row.getCell(id).isMissing()) {
                    skipped++;
                    continue;
                }
                ids.add(((StringValue) row.getCell(id)).getStringValue());
                classes.add(((StringValue) row.getCell(cls)).getStringValue());
                vectors.add(vector);
                folders.add(folder < 0 ? null : path(row.getCell(folder)));
            }
        }
        return new Table(new KnnRetrieval.Side(ids, classes, vectors.toArray(float[][]::new)), folders, skipped);
    }

    private static Path path(final DataCell cell) {
        try {
            return cell.isMissing() || !(cell instanceof StringValue s) ? null : Path.of(s.getStringValue());
        } catch (IllegalArgumentException e) { // not a path on this system: no thumbnail
            return null;
        }
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
            v[i++] = (float) d.getDoubleValue();
        }
        return v;
    }
}
