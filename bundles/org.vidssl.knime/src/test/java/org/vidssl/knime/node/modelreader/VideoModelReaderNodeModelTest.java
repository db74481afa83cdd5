package org.vidssl.knime.node.modelreader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.inactive.InactiveBranchPortObject;
import org.knime.core.node.port.inactive.InactiveBranchPortObjectSpec;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;

public class VideoModelReaderNodeModelTest {

    public static NodeRunner.Node<VideoModelReaderSettings> node(final String file) {
        VideoModelReaderSettings s = new VideoModelReaderSettings();
        s.m_file = file;
        s.m_kind = VideoModelReaderSettings.KindChoice.ENCODER;
        return new NodeRunner.Node<>(new VideoModelReaderNodeFactory().createNodeModel(), s);
    }

    @Test
    void readsTheWrittenEncoderWithItsSpec() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        PortObjectSpec[] specs = w.runner().configure(node("knime://knime.workflow/models/encoder.vidssl"));
        assertEquals(w.pretrained()[0].getSpec(), specs[0]);
        assertEquals(InactiveBranchPortObjectSpec.INSTANCE, specs[1]);
        assertEquals(w.pretrained()[0].getSpec(), w.readModel()[0].getSpec());
        assertEquals(InactiveBranchPortObject.INSTANCE, w.readModel()[1]);
    }

    @Test
    void aMissingFileOrTheWrongKindIsNamed() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        String message = assertThrows(
                        InvalidSettingsException.class, () -> w.runner().configure(node("models/none.vidssl")))
                .getMessage();
        assertTrue(
                message.startsWith("Model file 'models/none.vidssl' ("
                        + w.folder().resolve("models/none.vidssl") + ") does not exist"),
                message);
        NodeRunner.Node<VideoModelReaderSettings> classifier = node("models/encoder.vidssl");
        classifier.settings().m_kind = VideoModelReaderSettings.KindChoice.CLASSIFIER;
        message = assertThrows(InvalidSettingsException.class, () -> w.runner().configure(classifier))
                .getMessage();
        assertTrue(message.contains("Choose 'Encoder file'"), message);
    }

    @Test
    void cancelStopsBeforeReading() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner().execute(node("models/encoder.vidssl"), NodeRunner.newExec(NodeTests.cancelAfter(0))));
    }
}
