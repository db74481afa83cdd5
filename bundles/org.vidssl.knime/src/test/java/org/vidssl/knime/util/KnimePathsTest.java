package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.workflow.NodeContext;

class KnimePathsTest {

    @TempDir
    Path m_workspace;

    private Path m_workflow;

    @BeforeEach
    void runInsideAWorkflow() throws Exception {
        m_workflow = Files.createDirectory(m_workspace.resolve("My Workflow"));
        NodeContext.pushContext(m_workflow); // as KNIME does while a node configures or executes
    }

    @AfterEach
    void leaveTheWorkflow() {
        NodeContext.removeLastContext();
    }

    @Test
    void relativePathsResolveAgainstTheWorkflowNotTheWorkingDirectory() throws Exception {
        assertEquals(m_workflow.resolve("data/videos"), KnimePaths.resolve("data/videos", "Output folder"));
        assertEquals(m_workflow.resolve("with space/#1"), KnimePaths.resolve(" with space/#1 ", "Output folder"));
        assertEquals(m_workspace.resolve("sibling"), KnimePaths.resolve("../sibling", "Output folder"));
    }

    @Test
    void knimeAndFileUrlsResolveThroughKnimesApi() throws Exception {
        assertEquals(m_workflow.resolve("data"), KnimePaths.resolve("knime://knime.workflow/data", "Output folder"));
        assertEquals(
                m_workspace.resolve("Other/data"), KnimePaths.resolve("knime://LOCAL/Other/data", "Output folder"));
        assertEquals(
                m_workspace.resolve("a b"),
                KnimePaths.resolve(m_workspace.resolve("a b").toUri().toString(), "Output folder"));
    }

    @Test
    void absolutePathsStayAsTheyAre() throws Exception {
        Path absolute = m_workspace.resolve("elsewhere").toAbsolutePath();
        assertEquals(absolute, KnimePaths.resolve(absolute.toString(), "Output folder"));
    }

    @Test
    void errorsNameTheSetting() {
        assertEquals(
                "Checkpoint folder is empty: choose a file or folder.",
                assertThrows(InvalidSettingsException.class, () -> KnimePaths.resolve(" ", "Checkpoint folder"))
                        .getMessage());
        String remote = assertThrows(
                        InvalidSettingsException.class,
                        () -> KnimePaths.resolve("knime://My-Hub/Users/data", "Dataset root"))
                .getMessage();
        assertTrue(remote.startsWith("Dataset root 'knime://My-Hub/Users/data' is not on this machine"), remote);
        String bad = assertThrows(
                        InvalidSettingsException.class,
                        () -> KnimePaths.resolve("knime://knime.workflow/100%", "Model file"))
                .getMessage();
        assertTrue(bad.startsWith("Model file 'knime://knime.workflow/100%' is neither a valid path nor a URL"), bad);
    }

    @Test
    void inputsMustExist() throws Exception {
        Files.createDirectories(m_workflow.resolve("videos"));
        Files.writeString(m_workflow.resolve("model.vidssl"), "x");
        assertEquals(m_workflow.resolve("videos"), KnimePaths.existingFolder("videos", "Dataset root"));
        assertEquals(m_workflow.resolve("model.vidssl"), KnimePaths.existingFile("model.vidssl", "Model file"));
        String missing = assertThrows(
                        InvalidSettingsException.class, () -> KnimePaths.existingFolder("model.vidssl", "Dataset root"))
                .getMessage();
        assertTrue(
                missing.startsWith("Dataset root 'model.vidssl' (" + m_workflow.resolve("model.vidssl")
                        + ") does not exist or is not a folder"),
                missing);
        assertThrows(InvalidSettingsException.class, () -> KnimePaths.existingFile("videos", "Model file"));
        assertNull(KnimePaths.resolveOptional("", "Split file folder"));
    }
}
