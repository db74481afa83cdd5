package org.vidssl.knime.node.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.image.png.PNGImageCell;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeWarnings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;
import org.vidssl.knime.port.ClipPipelinePortObjectSpec;
import org.vidssl.knime.util.VideoTable;

public class ClipPipelineNodeModelTest {

    /** 8-frame clips, 28x28 crops out of 32x43 frames, residual second view, two preview videos. */
    public static NodeRunner.Node<ClipPipelineSettings> node() {
        ClipPipelineSettings s = new ClipPipelineSettings();
        s.m_clipLength = 8;
        s.m_resizeHeight = 32;
        s.m_resizeWidth = 43;
        s.m_cropSize = 28;
        s.m_testClips = 2;
        s.m_view2 = ClipPipelineSettings.ViewChoice.RES;
        s.m_previewVideos = 2;
        return new NodeRunner.Node<>(new ClipPipelineNodeFactory().createNodeModel(), s);
    }

    @Test
    void configureGivesThePipelineAndThePreviewSpec() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        PortObjectSpec[] specs = w.runner().configure(node(), VideoTable.spec());
        ClipPipelinePortObjectSpec spec = (ClipPipelinePortObjectSpec) specs[0];
        assertEquals(28, spec.settings().cropSize());
        assertEquals(8, spec.settings().clipLength());
        assertEquals(ClipPipelineNodeModel.previewSpec(), specs[1]);
    }

    @Test
    void badSettingsAndInputsAreNamed() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        NodeRunner.Node<ClipPipelineSettings> node = node();
        node.settings().m_cropSize = 64;
        String message = assertThrows(
                        InvalidSettingsException.class, () -> w.runner().configure(node, VideoTable.spec()))
                .getMessage();
        assertTrue(message.toLowerCase().contains("crop"), message);
        message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner().configure(node(), ClipPipelineNodeModel.previewSpec()))
                .getMessage();
        assertTrue(message.contains("'Class index'"), message);
    }

    @Test
    void previewShowsPngFilmStrips() throws Exception {
        PortObject preview = TinyWorkflow.get().clipPipeline()[1];
        assertEquals(2, NodeTests.rows(preview).size());
        for (String column : List.of(
                ClipPipelineNodeModel.TRAIN_CLIP, ClipPipelineNodeModel.VIEW_2, ClipPipelineNodeModel.TEST_CLIP)) {
            for (DataCell cell : NodeTests.column(preview, column)) {
                byte[] png = ((PNGImageCell) cell).getImageContent().getByteArray();
                assertEquals((byte) 0x89, png[0], column);
                assertEquals('P', png[1], column);
            }
        }
    }

    @Test
    void aRelativeFlowFolderResolvesAgainstTheWorkflowAndAMissingOneWarns() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        NodeRunner.Node<ClipPipelineSettings> node = node();
        node.settings().m_view2 = ClipPipelineSettings.ViewChoice.U;
        node.settings().m_flowFolder = "flow";
        node.settings().m_previewVideos = 0;
        PortObject[] out = w.runner().run(node, (PortObject) null);
        ClipPipelinePortObjectSpec spec = (ClipPipelinePortObjectSpec) out[0].getSpec();
        assertTrue(spec.summary().endsWith("flow from " + w.folder().resolve("flow")), spec.summary());
        assertTrue(NodeWarnings.of(node.model()).startsWith("Flow folder 'flow'"), NodeWarnings.of(node.model()));
    }

    @Test
    void cancelStopsThePreview() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner().execute(node(), NodeRunner.newExec(NodeTests.cancelAfter(1)), w.frames()[0]));
    }
}
