package org.vidssl.knime.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.util.VideoTable;

/** Helpers for the node model tests: reading output tables, splitting them, cancelling after some progress. */
public final class NodeTests {

    private NodeTests() {}

    public static BufferedDataTable table(final PortObject port) {
        return (BufferedDataTable) port;
    }

    public static List<DataRow> rows(final PortObject port) {
        List<DataRow> rows = new ArrayList<>();
        try (CloseableRowIterator it = table(port).iterator()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** The cells of one column, by name. */
    public static List<DataCell> column(final PortObject port, final String name) {
        int index = table(port).getDataTableSpec().findColumnIndex(name);
        if (index < 0) {
            throw new AssertionError(
                    "No column '" + name + "' in " + table(port).getDataTableSpec());
        }
        return rows(port).stream().map(r -> r.getCell(index)).toList();
    }

    public static List<String> strings(final PortObject port, final String name) {
        return column(port, name).stream()
                .map(c -> ((StringValue) c).getStringValue())
                .toList();
    }

    /** The rows of a video table with this split (as KNIME's Row Splitter would give them). */
    public static BufferedDataTable split(final PortObject videos, final String split) {
        return filter(
                videos,
                r -> ((StringValue) r.getCell(table(videos).getDataTableSpec().findColumnIndex(VideoTable.SPLIT)))
                        .getStringValue()
                        .equals(split));
    }

    public static BufferedDataTable filter(final PortObject table, final Predicate<DataRow> keep) {
        BufferedDataContainer out = newExec().createDataContainer(table(table).getDataTableSpec());
        rows(table).stream().filter(keep).forEach(out::addRowToTable);
        out.close();
        return out.getTable();
    }

    public static ExecutionContext newExec() {
        return NodeRunner.newExec(new DefaultNodeProgressMonitor());
    }

    /** A monitor that cancels the node once it reported progress {@code reports} times (0: before it starts). */
    public static DefaultNodeProgressMonitor cancelAfter(final int reports) {
        DefaultNodeProgressMonitor monitor = new DefaultNodeProgressMonitor() {
            private int m_reports;

            @Override
            public synchronized void setProgress(final double progress, final String message) {
                super.setProgress(progress, message);
                if (++m_reports >= reports) {
                    setExecuteCanceled();
                }
            }
        };
        if (reports == 0) {
            monitor.setExecuteCanceled();
        }
        return monitor;
    }

    /** Every file and folder below {@code folder}, relative to it (empty when it does not exist). */
    public static List<String> contents(final Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> !p.equals(folder))
                    .map(p -> folder.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }
}
