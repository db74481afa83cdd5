package org.vidssl.knime.node.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;
import org.vidssl.knime.port.ActionClassifierPortObjectSpec;

public class ActionRecognitionPredictorNodeModelTest {

    public static NodeRunner.Node<ActionRecognitionPredictorSettings> node() {
        ActionRecognitionPredictorSettings s = new ActionRecognitionPredictorSettings();
        s.m_clipsPerVideo = 2;
        s.m_batchSize = 4;
        s.m_loaderThreads = 2;
        return new NodeRunner.Node<>(new ActionRecognitionPredictorNodeFactory().createNodeModel(), s);
    }

    @Test
    void predictsAClassAndProbabilitiesPerVideo() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        PortObject predictions = w.predictions();
        List<String> classes = ((ActionClassifierPortObjectSpec) w.learned()[0].getSpec()).classes();
        DataTableSpec spec = NodeTests.table(predictions).getDataTableSpec();
        assertEquals(
                spec,
                w.runner()
                        .configure(
                                node(),
                                w.learned()[0].getSpec(),
                                NodeTests.table(w.frames()[0]).getDataTableSpec())[0]);
        List<DataRow> rows = NodeTests.rows(predictions);
        assertEquals(3, rows.size());
        for (DataRow r : rows) {
            double sum = 0;
            for (String c : classes) {
                sum += ((DoubleValue) r.getCell(spec.findColumnIndex(PredictionColumns.probabilityColumn(c))))
                        .getDoubleValue();
            }
            assertEquals(1, sum, 1e-4);
            assertTrue(classes.contains(r.getCell(spec.findColumnIndex(PredictionColumns.PREDICTION))
                    .toString()));
        }
    }

    @Test
    void aTableThatAlreadyHasPredictionsIsRejectedNamingTheColumn() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner()
                                .configure(
                                        node(),
                                        w.learned()[0].getSpec(),
                                        w.predictions().getSpec()))
                .getMessage();
        assertTrue(
                message.startsWith("The video table already has a column '" + PredictionColumns.PREDICTION + "'"),
                message);
    }

    @Test
    void cancelStopsThePrediction() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner()
                        .execute(node(), NodeRunner.newExec(NodeTests.cancelAfter(1)), w.learned()[0], w.frames()[0]));
    }
}
