package org.vidssl.knime.node.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.dataset.DatasetSettings;

class VideoDatasetReaderSettingsTest {

    @Test
    void dialogDefaultsAreTheCoreDefaults() {
        assertEquals(DatasetSettings.DEFAULTS, new VideoDatasetReaderSettings().toDatasetSettings());
    }

    @Test
    void dialogValuesReachTheEngineSettings(@TempDir final Path root) {
        VideoDatasetReaderSettings s = new VideoDatasetReaderSettings();
        s.m_datasetRoot = " " + root + " ";
        s.m_layout = VideoDatasetReaderSettings.LayoutChoice.CLASS_FOLDERS;
        s.m_split = 2;
        s.m_testFraction = 0.5;
        s.m_seed = 7;
        DatasetSettings d = s.toDatasetSettings();
        assertEquals(new DatasetSettings(root, null, DatasetSettings.Layout.CLASS_FOLDERS, 2, 0.5, 7), d);
        assertEquals(0, d.problems().size(), d.problems().toString());
    }

    @Test
    void emptyFoldersBecomeNoFolderAndAreReportedByTheEngine() {
        VideoDatasetReaderSettings s = new VideoDatasetReaderSettings();
        DatasetSettings d = s.toDatasetSettings();
        assertNull(d.root());
        assertNull(d.splitDir());
        assertTrue(
                d.problems().get(0).contains("Dataset folder is not set"),
                d.problems().toString());
    }

    @Test
    void everyLayoutMapsToTheEngineLayout() {
        for (DatasetSettings.Layout layout : DatasetSettings.Layout.values()) {
            VideoDatasetReaderSettings s = new VideoDatasetReaderSettings();
            s.m_layout = VideoDatasetReaderSettings.LayoutChoice.valueOf(layout.name());
            assertEquals(layout, s.toDatasetSettings().layout());
        }
    }

    @Test
    void validateChecksValuesNotTheFileSystem(@TempDir final Path tmp) throws Exception {
        VideoDatasetReaderSettings s = new VideoDatasetReaderSettings();
        s.m_datasetRoot = tmp.resolve("written by an earlier node").toString();
        s.m_splitFolder = tmp.resolve("moved away").toString();
        s.validate(); // KNIME 5.7 validates on load and apply: a missing folder must not fail there
        assertEquals(List.of(), s.valueProblems());

        // configure and execute check the folders
        List<String> missing = s.toDatasetSettings().folderProblems();
        assertEquals(2, missing.size(), missing.toString());
        assertTrue(
                missing.get(0).startsWith("Dataset folder " + tmp.resolve("written by an earlier node")),
                missing.get(0));
        assertTrue(missing.get(1).startsWith("Split-file folder"), missing.get(1));
        s.m_splitFolder = "";
        Files.createDirectories(tmp.resolve("written by an earlier node"));
        VideoDatasetReaderSettings.checkFoldersExist(s.toDatasetSettings());
    }

    @Test
    void valueProblemsNameTheSetting() {
        VideoDatasetReaderSettings s = new VideoDatasetReaderSettings();
        assertTrue(
                s.valueProblems().get(0).startsWith("Dataset folder is not set"),
                s.valueProblems().toString());
        s.m_datasetRoot = "knime://knime.workflow/data/videos";
        assertEquals(List.of(), s.valueProblems());
        s.m_split = 4;
        assertTrue(
                s.valueProblems().get(0).startsWith("Split is 4"),
                s.valueProblems().toString());
    }
}
