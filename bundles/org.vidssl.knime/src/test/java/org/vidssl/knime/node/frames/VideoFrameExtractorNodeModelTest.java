package org.vidssl.knime.node.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeWarnings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;
import org.vidssl.knime.util.VideoTable;

public class VideoFrameExtractorNodeModelTest {

    public static NodeRunner.Node<VideoFrameExtractorSettings> node(final String outputFolder) {
        VideoFrameExtractorSettings s = new VideoFrameExtractorSettings();
        s.m_outputFolder = outputFolder;
        s.m_height = 32;
        s.m_width = 43;
        s.m_threads = 2;
        return new NodeRunner.Node<>(new VideoFrameExtractorNodeFactory().createNodeModel(), s);
    }

    @Test
    void configureAppendsTheFrameColumns() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        PortObjectSpec[] specs = w.runner().configure(node("frames"), VideoTable.spec());
        assertEquals(VideoFrameExtractorNodeModel.outputSpec(VideoTable.spec()), specs[0]);
        assertEquals(VideoFrameExtractorNodeModel.failedSpec(), specs[1]);
        assertTrue(((org.knime.core.data.DataTableSpec) specs[0]).containsName(VideoTable.FRAME_FOLDER));
    }

    @Test
    void aTableWithoutVideoColumnsIsRejectedInConfigure() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner().configure(node("frames"), VideoFrameExtractorNodeModel.failedSpec()))
                .getMessage();
        assertTrue(message.contains("'Class'"), message);
    }

    @Test
    void decodesEveryVideoIntoAFolderUnderTheWorkflow() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        PortObject[] frames = w.frames();
        assertEquals(12, NodeTests.rows(frames[0]).size());
        assertEquals(0, NodeTests.rows(frames[1]).size());
        for (String folder : NodeTests.strings(frames[0], VideoTable.FRAME_FOLDER)) {
            assertTrue(Path.of(folder).startsWith(w.folder().resolve("data/frames")), folder);
            assertTrue(Path.of(folder).toFile().list().length >= 12, folder);
        }
    }

    @Test
    void anUndecodableVideoGoesToTheSecondOutputWithItsReason() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        DataRow good = NodeTests.rows(w.videos()).get(0);
        List<org.knime.core.data.DataCell> cells = new java.util.ArrayList<>();
        good.forEach(cells::add);
        Path missing = w.folder().resolve("missing.mp4");
        cells.set(VideoTable.spec().findColumnIndex(VideoTable.PATH), new StringCell(missing.toString()));
        BufferedDataContainer in = NodeTests.newExec().createDataContainer(VideoTable.spec());
        in.addRowToTable(good);
        in.addRowToTable(new DefaultRow(new org.knime.core.data.RowKey("bad"), cells));
        in.close();
        NodeRunner.Node<VideoFrameExtractorSettings> node =
                node(w.newFolder("frames").toString());
        PortObject[] out = w.runner().run(node, in.getTable());
        assertEquals(1, NodeTests.rows(out[0]).size());
        List<DataRow> failed = NodeTests.rows(out[1]);
        assertEquals(1, failed.size());
        assertEquals("bad", failed.get(0).getKey().getString());
        assertTrue(NodeWarnings.of(node.model()).startsWith("1 video(s) could not be decoded"));
    }

    @Test
    void cancelStopsAndLeavesNoFrameFolder() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        Path output = w.newFolder("cancelled");
        BufferedDataTable videos = NodeTests.table(w.videos());
        long start = System.nanoTime();
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner()
                        .execute(node(output.toString()), NodeRunner.newExec(NodeTests.cancelAfter(2)), videos));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "cancelling took over 10 s");
        assertEquals(
                List.of(),
                NodeTests.contents(output).stream()
                        .filter(p -> p.contains(".partial-"))
                        .toList(),
                "no partial frame folder");
    }
}
