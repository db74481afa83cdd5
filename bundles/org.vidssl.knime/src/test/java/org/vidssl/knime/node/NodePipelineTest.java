package org.vidssl.knime.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.vidssl.knime.port.ActionClassifierPortObjectSpec;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;

/** The eleven nodes executed in workflow order (see {@link TinyWorkflow}), each output feeding the next. */
class NodePipelineTest {

    @Test
    void everyNodeExecutesInWorkflowOrder() throws Exception {
        long start = System.nanoTime();
        TinyWorkflow w = TinyWorkflow.get();
        assertEquals(12, NodeTests.rows(w.synthetic()).size());
        assertEquals(12, NodeTests.rows(w.videos()).size());
        assertEquals(12, NodeTests.rows(w.frames()[0]).size());
        assertEquals(2, NodeTests.rows(w.clipPipeline()[1]).size());
        assertEquals(1, NodeTests.rows(w.pretrained()[1]).size());
        assertTrue(Files.isRegularFile(w.folder().resolve("models/encoder.vidssl")));
        assertTrue(w.readModel()[0].getSpec() instanceof VideoEncoderPortObjectSpec);
        assertEquals(12, NodeTests.rows(w.embeddings()).size());
        assertEquals(2, NodeTests.rows(w.retrieval()[1]).size());
        assertEquals(
                3,
                ((ActionClassifierPortObjectSpec) w.learned()[0].getSpec())
                        .classes()
                        .size());
        assertEquals(3, NodeTests.rows(w.predictions()).size());
        System.out.printf(
                "Tiny workflow of 11 nodes: %.1f s (0 when another test ran it first)%n",
                (System.nanoTime() - start) / 1e9);
    }
}
