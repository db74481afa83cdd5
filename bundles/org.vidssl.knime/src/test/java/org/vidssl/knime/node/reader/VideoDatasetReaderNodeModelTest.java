package org.vidssl.knime.node.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;
import org.vidssl.knime.util.VideoTable;

public class VideoDatasetReaderNodeModelTest {

    public static NodeRunner.Node<VideoDatasetReaderSettings> node(final String datasetRoot) {
        VideoDatasetReaderSettings s = new VideoDatasetReaderSettings();
        s.m_datasetRoot = datasetRoot;
        return new NodeRunner.Node<>(new VideoDatasetReaderNodeFactory().createNodeModel(), s);
    }

    @Test
    void readsTheDatasetTheSyntheticNodeWrote() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        assertEquals(
                VideoTable.spec(), w.runner().configure(node(w.datasetRoot().toString()))[0]);
        PortObject[] out = w.runner().run(node(w.datasetRoot().toString()));
        assertEquals(
                NodeTests.rows(w.synthetic()).size(), NodeTests.rows(out[0]).size());
        assertEquals(
                NodeTests.strings(w.synthetic(), VideoTable.VIDEO_ID), NodeTests.strings(out[0], VideoTable.VIDEO_ID));
    }

    @Test
    void aMissingFolderIsReportedInConfigureNamingTheSetting(@TempDir final Path workflow) {
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> new NodeRunner(workflow)
                                .configure(node(workflow.resolve("nowhere").toString())))
                .getMessage();
        assertTrue(message.contains("nowhere") && message.toLowerCase().contains("folder"), message);
    }

    @Test
    void cancelBeforeReadingStops() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner()
                        .execute(node(w.datasetRoot().toString()), NodeRunner.newExec(NodeTests.cancelAfter(0))));
        assertTrue(Files.isDirectory(w.datasetRoot()), "the dataset is only read");
    }
}
