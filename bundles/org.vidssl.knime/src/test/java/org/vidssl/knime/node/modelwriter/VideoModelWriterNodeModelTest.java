package org.vidssl.knime.node.modelwriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeWarnings;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;
import org.vidssl.knime.port.VideoEncoderPortObject;

public class VideoModelWriterNodeModelTest {

    public static NodeRunner.Node<VideoModelWriterSettings> node(final String file) {
        VideoModelWriterSettings s = new VideoModelWriterSettings();
        s.m_file = file;
        return new NodeRunner.Node<>(new VideoModelWriterNodeFactory().createNodeModel(), s);
    }

    @Test
    void writesTheEncoderFileUnderTheWorkflow() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        VideoEncoderPortObject encoder = (VideoEncoderPortObject) w.pretrained()[0];
        assertEquals(-1L, Files.mismatch(encoder.modelFile(), w.encoderFile()));
    }

    @Test
    void anExistingTargetWarnsInConfigureAndFailsInExecuteUnlessOverwriteIsTicked() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        Path target = w.newFolder("writer").resolve("model.vidssl");
        Files.writeString(target, "older model");
        NodeRunner.Node<VideoModelWriterSettings> node = node(target.toString());
        w.runner().configure(node, w.pretrained()[0].getSpec(), null); // a second run after a reset configures
        assertTrue(NodeWarnings.of(node.model()).contains("exists"), NodeWarnings.of(node.model()));
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner().execute(node, NodeTests.newExec(), w.pretrained()[0], null))
                .getMessage();
        assertTrue(message.startsWith("Output file '" + target + "' exists"), message);
        assertEquals("older model", Files.readString(target));
        node.settings().m_overwrite = true;
        w.runner().run(node, w.pretrained()[0], null);
        assertEquals(-1L, Files.mismatch(((VideoEncoderPortObject) w.pretrained()[0]).modelFile(), target));
    }

    @Test
    void exportsPyTorchWeightsIntoANewFolder() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        NodeRunner.Node<VideoModelWriterSettings> node = node("exports/new/encoder.npz");
        node.settings().m_format = VideoModelWriterSettings.FormatChoice.PYTORCH_NPZ;
        w.runner().run(node, w.pretrained()[0], null);
        assertTrue(Files.size(w.folder().resolve("exports/new/encoder.npz")) > 0);
    }

    @Test
    void exactlyOneModelMustBeConnected() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        String message = assertThrows(
                        InvalidSettingsException.class, () -> w.runner().configure(node("m.vidssl"), null, null))
                .getMessage();
        assertTrue(message.startsWith("Connect exactly one input"), message);
    }

    @Test
    void cancelWritesNothing() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        Path folder = w.newFolder("cancelled-writer");
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner()
                        .execute(
                                node(folder.resolve("model.vidssl").toString()),
                                NodeRunner.newExec(NodeTests.cancelAfter(0)),
                                w.pretrained()[0],
                                null));
        assertEquals(List.of(), NodeTests.contents(folder));
    }
}
