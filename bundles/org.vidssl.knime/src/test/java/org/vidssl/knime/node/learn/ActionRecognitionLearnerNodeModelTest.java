package org.vidssl.knime.node.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;
import org.vidssl.knime.port.ActionClassifierPortObjectSpec;
import org.vidssl.knime.util.VideoTable;

public class ActionRecognitionLearnerNodeModelTest {

    /** Fine-tunes a connected encoder (or a 4-channel R3D) for one epoch in batches of 4. */
    public static NodeRunner.Node<ActionRecognitionLearnerSettings> node() {
        ActionRecognitionLearnerSettings s = new ActionRecognitionLearnerSettings();
        s.m_width = 4;
        s.m_clipLength = 8;
        s.m_cropSize = 28;
        s.m_epochs = 1;
        s.m_batchSize = 4;
        s.m_learningRate = 0.01;
        s.m_finetuneLearningRate = 0.01;
        s.m_validationVideos = 3;
        s.m_loaderThreads = 2;
        return new NodeRunner.Node<>(new ActionRecognitionLearnerNodeFactory().createNodeModel(), s);
    }

    @Test
    void configureGivesTheHistorySpecAndLeavesTheClassesToExecute() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        PortObjectSpec[] specs = w.runner().configure(node(), w.readModel()[0].getSpec(), VideoTable.spec());
        assertEquals(null, specs[0]);
        assertEquals(ActionRecognitionLearnerNodeModel.historySpec(), specs[1]);
    }

    @Test
    void learnsTheThreeClassesAndMarksTheBestEpochAsABoolean() throws Exception {
        PortObject[] out = TinyWorkflow.get().learned();
        ActionClassifierPortObjectSpec spec = (ActionClassifierPortObjectSpec) out[0].getSpec();
        assertEquals(3, spec.classes().size());
        assertEquals(
                NodeTests.strings(TinyWorkflow.get().videos(), VideoTable.CLASS).stream()
                        .distinct()
                        .sorted()
                        .toList(),
                spec.classes().stream().sorted().toList());
        List<DataCell> best = NodeTests.column(out[1], "Best");
        assertEquals(List.of(BooleanCell.TRUE), best);
    }

    @Test
    void aSingleClassIsRejected() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        String first = NodeTests.strings(w.frames()[0], VideoTable.CLASS).get(0);
        int cls = VideoTable.spec().findColumnIndex(VideoTable.CLASS);
        PortObject oneClass =
                NodeTests.filter(w.frames()[0], r -> r.getCell(cls).toString().equals(first));
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner().execute(node(), NodeTests.newExec(), w.readModel()[0], oneClass))
                .getMessage();
        assertTrue(message.startsWith("The training videos have 1 class(es)"), message);
    }

    @Test
    void cancelStopsTraining() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        NodeRunner.Node<ActionRecognitionLearnerSettings> node = node();
        node.settings().m_epochs = 5; // cancelled at the first step it reports
        long start = System.nanoTime();
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner()
                        .execute(node, NodeRunner.newExec(NodeTests.cancelAfter(1)), w.readModel()[0], w.frames()[0]));
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "cancelling took over 20 s");
    }
}
