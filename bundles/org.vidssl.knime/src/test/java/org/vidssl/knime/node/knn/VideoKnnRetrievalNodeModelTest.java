package org.vidssl.knime.node.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;

public class VideoKnnRetrievalNodeModelTest {

    public static NodeRunner.Node<VideoKnnRetrievalSettings> node() {
        VideoKnnRetrievalSettings s = new VideoKnnRetrievalSettings();
        s.m_ks = "1,5";
        s.m_neighboursListed = 3;
        return new NodeRunner.Node<>(new VideoKnnRetrievalNodeFactory().createNodeModel(), s);
    }

    @Test
    void configureGivesBooleanSameClassAndThumbnailsWhenFramesAreKnown() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        DataTableSpec[] specs = List.of(w.runner()
                        .configure(
                                node(), w.embeddings().getSpec(), w.embeddings().getSpec()))
                .toArray(DataTableSpec[]::new);
        assertEquals(VideoKnnRetrievalNodeModel.neighboursSpec(true), specs[0]);
        assertEquals(BooleanCell.TYPE, specs[0].getColumnSpec("Same class").getType());
        assertEquals(VideoKnnRetrievalNodeModel.accuracySpec(), specs[1]);
    }

    @Test
    void listsNeighboursWithSameClassAsBooleans() throws Exception {
        PortObject[] out = TinyWorkflow.get().retrieval();
        List<DataRow> neighbours = NodeTests.rows(out[0]);
        assertEquals(3 * 3, neighbours.size(), "3 test queries x 3 neighbours");
        DataTableSpec spec = NodeTests.table(out[0]).getDataTableSpec();
        for (DataRow r : neighbours) {
            String query = ((StringValue) r.getCell(spec.findColumnIndex("Query class"))).getStringValue();
            String neighbour = ((StringValue) r.getCell(spec.findColumnIndex("Neighbour class"))).getStringValue();
            assertEquals(
                    query.equals(neighbour),
                    ((BooleanValue) r.getCell(spec.findColumnIndex("Same class"))).getBooleanValue());
        }
        List<DataRow> accuracy = NodeTests.rows(out[1]);
        assertEquals(
                List.of(1, 5),
                accuracy.stream()
                        .map(r -> ((IntValue) r.getCell(0)).getIntValue())
                        .toList());
        double top5 = ((DoubleValue) accuracy.get(1).getCell(1)).getDoubleValue();
        assertTrue(top5 >= ((DoubleValue) accuracy.get(0).getCell(1)).getDoubleValue() && top5 <= 1);
    }

    @Test
    void aTableWithoutTheEmbeddingColumnIsRejectedNamingIt() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner()
                                .configure(
                                        node(),
                                        w.frames()[0].getSpec(),
                                        w.embeddings().getSpec()))
                .getMessage();
        assertTrue(message.contains("'Embedding'") && message.contains("query table"), message);
    }

    @Test
    void cancelStopsTheRetrieval() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner()
                        .execute(node(), NodeRunner.newExec(NodeTests.cancelAfter(0)), w.embeddings(), w.embeddings()));
    }

    @Test
    void kValuesThatReachTheWholeDatabaseAreLeftOutWithAWarning() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        NodeRunner.Node<VideoKnnRetrievalSettings> node = node();
        node.settings().m_ks = "1,5000";
        PortObject[] out = w.runner().run(node, w.embeddings(), w.embeddings());
        assertEquals(
                List.of(1),
                NodeTests.rows(out[1]).stream()
                        .map(r -> ((IntValue) r.getCell(0)).getIntValue())
                        .toList(),
                "k = 5000 would be 100% by definition");
        List<String> warnings = new java.util.ArrayList<>();
        VideoKnnRetrievalNodeModel.withinDatabase(node.settings().toRetrievalSettings(), 12, warnings);
        assertTrue(warnings.get(0).contains("k = 5000 reaches the whole database of 12 videos"), warnings.get(0));
    }

    @Test
    void onlyKValuesBeyondTheDatabaseFailNamingTheSetting() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        NodeRunner.Node<VideoKnnRetrievalSettings> node = node();
        node.settings().m_ks = "5000";
        String message = assertThrows(
                        InvalidSettingsException.class, () -> w.runner().run(node, w.embeddings(), w.embeddings()))
                .getMessage();
        assertTrue(message.startsWith("k values: k = 5000 reaches the whole database"), message);
    }
}
