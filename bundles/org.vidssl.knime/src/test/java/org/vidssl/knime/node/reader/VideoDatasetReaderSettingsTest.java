package org.vidssl.knime.node.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

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
        assertTrue(d.problems().get(0).contains("Dataset folder is not set"), d.problems().toString());
    }

    @Test
    void everyLayoutMapsToTheEngineLayout() {
        for (DatasetSettings.Layout layout : DatasetSettings.Layout.values()) {
            VideoDatasetReaderSettings s = new VideoDatasetReaderSettings();
            s.m_layout = VideoDatasetReaderSettings.LayoutChoice.valueOf(layout.name());
            assertEquals(layout, s.toDatasetSettings().layout());
        }
    }
}
