package org.vidssl.knime.util;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DataValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.BooleanCell;
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
import org.vidssl.core.dataset.DatasetProblem;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;

/**
 * The video table every node of this extension reads and writes: one row per video, the columns of
 * {@link VideoEntry}. The Frame Extractor appends {@link #FRAME_FOLDER}; when present it is the clip source.
 */
public final class VideoTable {

    public static final String VIDEO_ID = "Video ID";
    public static final String CLASS = "Class";
    public static final String CLASS_INDEX = "Class index";
    public static final String SPLIT = "Split";
    public static final String PATH = "Path";
    public static final String FRAMES = "Frames";
    public static final String FRAME_FOLDER = "Frame folder";

    private static final String[] REQUIRED = {VIDEO_ID, CLASS, CLASS_INDEX, SPLIT, PATH};

    private VideoTable() {}

    /** Spec of the table written by the Dataset Reader and the Synthetic Motion Videos node. */
    public static DataTableSpec spec() {
        return new DataTableSpec(
                "Videos",
                column(VIDEO_ID, StringCell.TYPE),
                column(CLASS, StringCell.TYPE),
                column(CLASS_INDEX, IntCell.TYPE),
                column(SPLIT, StringCell.TYPE),
                column(PATH, StringCell.TYPE),
                column(FRAMES, IntCell.TYPE));
    }

    public static DataColumnSpec column(final String name, final DataType type) {
        return new DataColumnSpecCreator(name, type).createSpec();
    }

    /** The cells of {@link #spec()} for one video; an unknown frame count is a missing cell. */
    public static DataCell[] cells(final VideoEntry v) {
        return new DataCell[] {
            new StringCell(v.videoId()),
            new StringCell(v.className()),
            new IntCell(v.classIndex()),
            new StringCell(v.split().label()),
            new StringCell(v.source().toString()),
            v.frameCount() < 0 ? DataType.getMissingCell() : new IntCell(v.frameCount())
        };
    }

    /** The spec of a table laid out by {@code layout}. */
    public static DataTableSpec spec(final String name, final RowLayout<?> layout) {
        return new DataTableSpec(
                name,
                layout.columns().stream()
                        .map(c -> column(
                                c.name(),
                                switch (c.kind()) {
                                    case INT -> IntCell.TYPE;
                                    case DOUBLE -> DoubleCell.TYPE;
                                    case STRING -> StringCell.TYPE;
                                    case BOOLEAN -> BooleanCell.TYPE;
                                }))
                        .toArray(DataColumnSpec[]::new));
    }

    /** The cells of one row of a table laid out by {@code layout}. */
    public static <T> DataCell[] cells(final RowLayout<T> layout, final T row) {
        Object[] values = layout.values(row);
        DataCell[] cells = new DataCell[values.length];
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            cells[i] = v == null
                    ? DataType.getMissingCell()
                    : switch (layout.columns().get(i).kind()) {
                        case INT -> new IntCell(((Number) v).intValue());
                        case DOUBLE -> new DoubleCell(((Number) v).doubleValue());
                        case STRING -> new StringCell(v.toString());
                        case BOOLEAN -> BooleanCell.get((Boolean) v);
                    };
        }
        return cells;
    }

    /** A table laid out by {@code layout} with one row per record, row keys Row0, Row1, ... */
    public static <T> BufferedDataTable write(
            final String name, final RowLayout<T> layout, final List<T> rows, final ExecutionContext exec)
            throws CanceledExecutionException {
        BufferedDataContainer out = exec.createDataContainer(spec(name, layout));
        for (int i = 0; i < rows.size(); i++) {
            exec.checkCanceled();
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long) i), cells(layout, rows.get(i))));
        }
        out.close();
        return out.getTable();
    }

    /** The table of {@link #spec()} holding these videos, row keys Row0, Row1, ... */
    public static BufferedDataTable write(final List<VideoEntry> videos, final ExecutionContext exec)
            throws CanceledExecutionException {
        BufferedDataContainer out = exec.createDataContainer(spec());
        for (int i = 0; i < videos.size(); i++) {
            exec.checkCanceled();
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long) i), cells(videos.get(i))));
        }
        out.close();
        return out.getTable();
    }

    /** A node warning for the dataset entries that were skipped, or null when there were none. */
    public static String problemWarning(final List<DatasetProblem> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        return problems.size() + " dataset entr" + (problems.size() == 1 ? "y was" : "ies were")
                + " skipped or questionable, e.g. " + problems.get(0);
    }

    /** Configure-time check that {@code spec} is a video table; the message says which node makes one. */
    public static void checkSpec(final DataTableSpec spec, final String port) throws InvalidSettingsException {
        if (spec == null) {
            return;
        }
        for (String name : REQUIRED) {
            if (!spec.containsName(name)) {
                throw new InvalidSettingsException("The " + port + " has no column '" + name
                        + "'. Connect the output of Video Dataset Reader, Synthetic Motion Videos or Video Frame"
                        + " Extractor"
                        + " (columns " + String.join(", ", REQUIRED) + ").");
            }
        }
        requireType(spec, VIDEO_ID, StringValue.class, port);
        requireType(spec, CLASS, StringValue.class, port);
        requireType(spec, CLASS_INDEX, IntValue.class, port);
        requireType(spec, SPLIT, StringValue.class, port);
        requireType(spec, PATH, StringValue.class, port);
        if (spec.containsName(FRAMES)) {
            requireType(spec, FRAMES, IntValue.class, port);
        }
        if (spec.containsName(FRAME_FOLDER)) {
            requireType(spec, FRAME_FOLDER, StringValue.class, port);
        }
    }

    public static void requireType(
            final DataTableSpec spec, final String column, final Class<? extends DataValue> type, final String port)
            throws InvalidSettingsException {
        int index = spec.findColumnIndex(column);
        if (index < 0) {
            throw new InvalidSettingsException("The " + port + " has no column '" + column + "'.");
        }
        if (!spec.getColumnSpec(index).getType().isCompatible(type)) {
            throw new InvalidSettingsException("Column '" + column + "' of the " + port + " must hold "
                    + type.getSimpleName().replace("Value", "").toLowerCase(java.util.Locale.ROOT)
                    + " values; convert it first (e.g. with a String to Number node) or reconnect the video table.");
        }
    }

    /** Videos read from a table, with the rows that could not be used. */
    public record Rows(List<VideoEntry> videos, List<RowKey> keys, Map<RowKey, String> skipped) {

        /** A warning for the node, or null when every row was used. */
        public String warning() {
            if (skipped.isEmpty()) {
                return null;
            }
            Map.Entry<RowKey, String> first = skipped.entrySet().iterator().next();
            return skipped.size() + " row(s) skipped, e.g. row '"
                    + first.getKey().getString() + "': " + first.getValue();
        }
    }

    /**
     * Reads the videos of a table. Rows with a missing or invalid cell are skipped with a reason instead of
     * failing the node, so one bad row does not stop a long run.
     */
    public static Rows read(final BufferedDataTable table, final ExecutionMonitor exec)
            throws CanceledExecutionException {
        DataTableSpec spec = table.getDataTableSpec();
        int id = spec.findColumnIndex(VIDEO_ID);
        int cls = spec.findColumnIndex(CLASS);
        int idx = spec.findColumnIndex(CLASS_INDEX);
        int split = spec.findColumnIndex(SPLIT);
        int path = spec.findColumnIndex(PATH);
        int frames = spec.findColumnIndex(FRAMES);
        int folder = spec.findColumnIndex(FRAME_FOLDER);
        List<VideoEntry> videos = new ArrayList<>();
        List<RowKey> keys = new ArrayList<>();
        Map<RowKey, String> skipped = new LinkedHashMap<>();
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                DataRow row = it.next();
                try {
                    String source = folder >= 0 && !row.getCell(folder).isMissing()
                            ? string(row, folder, FRAME_FOLDER)
                            : string(row, path, PATH);
                    int count = frames >= 0 && !row.getCell(frames).isMissing()
                            ? ((IntValue) row.getCell(frames)).getIntValue()
                            : -1;
                    videos.add(new VideoEntry(
                            string(row, id, VIDEO_ID),
                            string(row, cls, CLASS),
                            ((IntValue) nonMissing(row, idx, CLASS_INDEX)).getIntValue(),
                            split(string(row, split, SPLIT)),
                            Path.of(source),
                            count));
                    keys.add(row.getKey());
                } catch (IllegalArgumentException e) { // also InvalidPathException and bad split names
                    skipped.put(row.getKey(), e.getMessage());
                }
            }
        }
        return new Rows(videos, keys, skipped);
    }

    private static DataCell nonMissing(final DataRow row, final int index, final String column) {
        DataCell cell = row.getCell(index);
        if (cell.isMissing()) {
            throw new IllegalArgumentException("missing value in column '" + column + "'");
        }
        return cell;
    }

    private static Split split(final String value) {
        try {
            return Split.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Split '" + value + "' is neither train nor test", e);
        }
    }

    private static String string(final DataRow row, final int index, final String column) {
        return ((StringValue) nonMissing(row, index, column)).getStringValue();
    }
}
