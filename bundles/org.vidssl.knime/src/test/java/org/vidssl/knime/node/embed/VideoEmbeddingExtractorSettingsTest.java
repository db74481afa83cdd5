package org.vidssl.knime.node.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.View;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.knime.util.ChoiceMirrors;

class VideoEmbeddingExtractorSettingsTest {

    @Test
    void dialogDefaultsAreTheCoreDefaults() {
        assertEquals(ExtractSettings.DEFAULTS, new VideoEmbeddingExtractorSettings().toExtractSettings());
    }

    @Test
    void dialogValuesReachTheEngineSettings() {
        VideoEmbeddingExtractorSettings s = new VideoEmbeddingExtractorSettings();
        s.m_view = VideoEmbeddingExtractorSettings.ViewChoice.RES;
        s.m_merge = true;
        s.m_feature = VideoEmbeddingExtractorSettings.FeatureChoice.POOLED;
        s.m_clipsPerVideo = 3;
        s.m_batchSize = 6;
        s.m_loaderThreads = 1;
        assertEquals(
                new ExtractSettings(3, View.RES, ExtractSettings.Feature.POOLED, true, false, 6, "cpu", 1),
                s.toExtractSettings());
    }

    @Test
    void mergeWithTheRgbViewIsReportedByTheEngineRecord() {
        VideoEmbeddingExtractorSettings s = new VideoEmbeddingExtractorSettings();
        s.m_view = VideoEmbeddingExtractorSettings.ViewChoice.RGB;
        s.m_merge = true;
        assertTrue(s.toExtractSettings().problems().get(0).startsWith("Merge concatenates"));
    }

    @Test
    void viewChoicesAreViewsWithTheirLabels() {
        ChoiceMirrors.assertSubset(VideoEmbeddingExtractorSettings.ViewChoice.class, View.class);
    }
}
