package org.vidssl.knime.node.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.NodeTests;
import org.vidssl.knime.util.VideoTable;

public class SyntheticMotionVideosNodeModelTest {

    /** 3 classes x 4 videos of 12 frames at 32x43, one test video per class. */
    public static NodeRunner.Node<SyntheticMotionVideosSettings> node(final String outputFolder) {
        SyntheticMotionVideosSettings s = new SyntheticMotionVideosSettings();
        s.m_outputFolder = outputFolder;
        s.m_classes = 3;
        s.m_videosPerClass = 4;
        s.m_frames = 12;
        s.m_height = 32;
        s.m_width = 43;
        s.m_container = SyntheticMotionVideosSettings.ContainerChoice.MP4;
        s.m_testFraction = 0.25;
        s.m_seed = 5;
        return new NodeRunner.Node<>(new SyntheticMotionVideosNodeFactory().createNodeModel(), s);
    }

    @Test
    void configureGivesTheVideoTableSpec(@TempDir final Path workflow) throws Exception {
        assertEquals(VideoTable.spec(), new NodeRunner(workflow).configure(node("videos"))[0]);
    }

    @Test
    void badSettingsNameTheSetting(@TempDir final Path workflow) {
        NodeRunner.Node<SyntheticMotionVideosSettings> node = node("videos");
        node.settings().m_classes = 99;
        String message = assertThrows(InvalidSettingsException.class, () -> new NodeRunner(workflow).configure(node))
                .getMessage();
        assertTrue(message.startsWith("Classes is 99"), message);
        node.settings().m_classes = 3;
        node.settings().m_outputFolder = "knime://knime.workflow/bad%zzpath";
        message = assertThrows(InvalidSettingsException.class, () -> new NodeRunner(workflow).configure(node))
                .getMessage();
        assertTrue(message.startsWith("Output folder"), message);
    }

    @Test
    void executeWritesTheVideosUnderTheWorkflowFolder(@TempDir final Path workflow) throws Exception {
        PortObject[] out = new NodeRunner(workflow).run(node("data/videos"));
        List<String> paths = NodeTests.strings(out[0], VideoTable.PATH);
        assertEquals(12, paths.size());
        assertTrue(paths.stream().allMatch(p -> Path.of(p).startsWith(workflow.resolve("data/videos"))), paths.get(0));
        assertTrue(paths.stream().allMatch(p -> Path.of(p).toFile().isFile()));
        assertEquals(
                3,
                NodeTests.strings(out[0], VideoTable.SPLIT).stream()
                        .filter("test"::equals)
                        .count());
    }

    @Test
    void cancelStopsPromptlyAndLeavesNoFiles(@TempDir final Path workflow) throws Exception {
        NodeRunner runner = new NodeRunner(workflow);
        long start = System.nanoTime();
        assertThrows(
                CanceledExecutionException.class,
                () -> runner.execute(node("data/videos"), NodeRunner.newExec(NodeTests.cancelAfter(1))));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "cancelling took over 10 s");
        assertEquals(List.of(), NodeTests.contents(workflow.resolve("data")));
    }
}
