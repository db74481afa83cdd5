package org.vidssl.knime.node.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;
import org.vidssl.knime.util.ArchitectureChoice;
import org.vidssl.knime.util.VideoTable;
import org.vidssl.torch.pretrain.Pretrainer;

public class IicPretrainerNodeModelTest {

    /** A 4-channel R3D, SimCLR objective, batches of 4, one epoch. */
    public static NodeRunner.Node<IicPretrainerSettings> node() {
        IicPretrainerSettings s = new IicPretrainerSettings();
        s.m_architecture = ArchitectureChoice.R3D;
        s.m_width = 4;
        s.m_objective = IicPretrainerSettings.ObjectiveChoice.SIMCLR;
        s.m_normalizeFeatures = true;
        s.m_batchSize = 4;
        s.m_epochs = 1;
        s.m_learningRate = 0.03;
        s.m_loaderThreads = 2;
        s.m_seed = 7;
        return new NodeRunner.Node<>(new IicPretrainerNodeFactory().createNodeModel(), s);
    }

    @Test
    void configureKnowsTheEncoderBeforeTraining() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        PortObjectSpec[] specs = w.runner().configure(node(), VideoTable.spec(), w.clipPipeline()[0].getSpec());
        VideoEncoderPortObjectSpec encoder = (VideoEncoderPortObjectSpec) specs[0];
        assertEquals("r3d", encoder.architecture());
        assertEquals(8, encoder.clipLength());
        assertEquals(28, encoder.height());
        assertEquals(IicPretrainerNodeModel.historySpec(), specs[1]);
        assertEquals(null, w.runner().configure(node(), VideoTable.spec(), null)[0], "no pipeline, no encoder yet");
    }

    @Test
    void trainsOneEpochAndReportsIt() throws Exception {
        PortObject[] out = TinyWorkflow.get().pretrained();
        assertTrue(Files.size(((VideoEncoderPortObject) out[0]).modelFile()) > 0);
        List<Double> losses = NodeTests.column(out[1], "Loss").stream()
                .map(c -> ((DoubleValue) c).getDoubleValue())
                .toList();
        assertEquals(1, losses.size());
        assertTrue(Double.isFinite(losses.get(0)) && losses.get(0) > 0, losses.toString());
    }

    @Test
    void badSettingsAndTooFewVideosAreNamed() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        NodeRunner.Node<IicPretrainerSettings> device = node();
        device.settings().m_device = "tpu";
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner().configure(device, VideoTable.spec(), w.clipPipeline()[0].getSpec()))
                .getMessage();
        assertTrue(message.startsWith("Device 'tpu'"), message);
        NodeRunner.Node<IicPretrainerSettings> batch = node();
        batch.settings().m_batchSize = 10; // 9 training videos
        message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner().execute(batch, NodeTests.newExec(), w.frames()[0], w.clipPipeline()[0]))
                .getMessage();
        assertTrue(message.startsWith("Only 9 usable training video(s) but the batch size is 10"), message);
    }

    @Test
    void anExistingCheckpointStopsTheNodeUnlessResumeIsTicked() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        String folder = w.folder().relativize(w.newFolder("checkpoints")).toString();
        Files.writeString(Pretrainer.checkpointFile(w.folder().resolve(folder)), "not a real checkpoint");
        NodeRunner.Node<IicPretrainerSettings> node = node();
        node.settings().m_checkpointFolder = folder; // relative to the workflow
        node.settings().m_resume = false;
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner().execute(node, NodeTests.newExec(), w.frames()[0], w.clipPipeline()[0]))
                .getMessage();
        assertTrue(
                message.startsWith("Checkpoint folder '" + w.folder().resolve(folder) + "' holds a checkpoint"),
                message);
    }

    /**
     * The resume rule of the command-line tool: ticked, an empty folder starts a new run and the node run again
     * continues its checkpoint (epoch 1, its seconds too, comes from it); with other settings the node fails naming
     * them instead of starting over.
     */
    @Test
    void resumeContinuesTheCheckpointOfTheSameSettings() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        String folder = w.folder().relativize(w.newFolder("resumed")).toString();
        NodeRunner.Node<IicPretrainerSettings> node = node();
        node.settings().m_checkpointFolder = folder;
        node.settings().m_resume = true;
        PortObject[] first = w.runner().execute(node, NodeTests.newExec(), w.frames()[0], w.clipPipeline()[0]);
        assertTrue(Files.exists(Pretrainer.checkpointFile(w.folder().resolve(folder))));
        node.settings().m_epochs = 2;
        PortObject[] resumed = w.runner().execute(node, NodeTests.newExec(), w.frames()[0], w.clipPipeline()[0]);
        List<Double> seconds = doubles(resumed[1], "Seconds");
        assertEquals(2, seconds.size());
        assertEquals(doubles(first[1], "Seconds").get(0), seconds.get(0), "epoch 1 comes from the checkpoint");
        node.settings().m_epochs = 3;
        node.settings().m_learningRate = 0.01;
        Exception other = assertThrows(
                Exception.class,
                () -> w.runner().execute(node, NodeTests.newExec(), w.frames()[0], w.clipPipeline()[0]));
        assertTrue(other.getMessage().contains("was written by a run with other settings"), other.getMessage());
    }

    private static List<Double> doubles(final PortObject table, final String column) {
        return NodeTests.column(table, column).stream()
                .map(c -> ((DoubleValue) c).getDoubleValue())
                .toList();
    }

    @Test
    void cancelStopsTrainingPromptly() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        NodeRunner.Node<IicPretrainerSettings> node = node();
        node.settings().m_epochs = 5; // cancelled at the first step it reports
        long start = System.nanoTime();
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner()
                        .execute(
                                node,
                                NodeRunner.newExec(NodeTests.cancelAfter(1)),
                                w.frames()[0],
                                w.clipPipeline()[0]));
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "cancelling took over 20 s");
    }
}
