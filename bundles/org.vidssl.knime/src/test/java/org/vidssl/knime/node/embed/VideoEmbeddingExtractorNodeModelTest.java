package org.vidssl.knime.node.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.collection.ListCell;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.node.TinyWorkflow;
import org.vidssl.knime.util.VideoTable;

public class VideoEmbeddingExtractorNodeModelTest {

    public static NodeRunner.Node<VideoEmbeddingExtractorSettings> node() {
        VideoEmbeddingExtractorSettings s = new VideoEmbeddingExtractorSettings();
        s.m_clipsPerVideo = 2;
        s.m_batchSize = 4;
        s.m_loaderThreads = 2;
        return new NodeRunner.Node<>(new VideoEmbeddingExtractorNodeFactory().createNodeModel(), s);
    }

    @Test
    void configureAppendsTheEmbeddingColumn() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        DataTableSpec in = NodeTests.table(w.frames()[0]).getDataTableSpec();
        DataTableSpec out = (DataTableSpec) w.runner().configure(node(), w.readModel()[0].getSpec(), in)[0];
        assertEquals(in.getNumColumns() + 1, out.getNumColumns());
        assertEquals(
                ListCell.getCollectionType(org.knime.core.data.def.DoubleCell.TYPE),
                out.getColumnSpec(VideoEmbeddingExtractorNodeModel.EMBEDDING).getType());
    }

    @Test
    void everyVideoGetsAFiniteEmbedding() throws Exception {
        PortObject embeddings = TinyWorkflow.get().embeddings();
        assertEquals(12, NodeTests.rows(embeddings).size());
        int size = -1;
        for (DataCell cell : NodeTests.column(embeddings, VideoEmbeddingExtractorNodeModel.EMBEDDING)) {
            ListCell list = (ListCell) cell;
            assertTrue(list.size() > 0 && (size < 0 || list.size() == size));
            size = list.size();
            list.forEach(v -> assertTrue(Double.isFinite(((DoubleValue) v).getDoubleValue())));
        }
    }

    @Test
    void aTableThatAlreadyHasEmbeddingsIsRejectedNamingTheColumn() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner()
                                .configure(
                                        node(),
                                        w.readModel()[0].getSpec(),
                                        w.embeddings().getSpec()))
                .getMessage();
        assertTrue(message.startsWith("The video table already has a column 'Embedding'"), message);
        message = assertThrows(
                        InvalidSettingsException.class,
                        () -> w.runner().configure(node(), w.readModel()[0].getSpec(), w.retrieval()[1].getSpec()))
                .getMessage();
        assertTrue(message.contains("'" + VideoTable.VIDEO_ID + "'"), message);
    }

    @Test
    void cancelStopsTheExtraction() throws Exception {
        TinyWorkflow w = TinyWorkflow.get();
        assertThrows(
                CanceledExecutionException.class,
                () -> w.runner()
                        .execute(
                                node(), NodeRunner.newExec(NodeTests.cancelAfter(2)), w.readModel()[0], w.frames()[0]));
    }
}
